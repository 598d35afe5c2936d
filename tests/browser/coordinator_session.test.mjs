// The coordinator area as it opens and saves: no 401 logged in the console on
// the sign-in page (the page asks the server who is signed in only when this
// device opened a session), a reload keeps the coordinator in, and every save
// shows a mark beside its control and is said to screen readers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { screenshot, serverWithCoordinatorPerFile } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Mara Conti');

// Console errors (a 401 on a fetch is logged as one by Chromium).
function consoleErrors(page) {
  const errors = [];
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  return errors;
}

async function signIn(page) {
  await page.getByLabel('Nome').fill('Mara Conti');
  await page.getByLabel('Password').fill(env.password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('heading', { name: 'Comunità Tematiche' }).waitFor();
}

test('the sign-in page logs no 401; a reload keeps the session; signing out shows the form again', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    const errors = consoleErrors(page);
    await page.goto(`${env.server.url}coordinator.html`);
    await page.getByRole('button', { name: 'Accedi' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(errors, [], 'nothing logged on a fresh sign-in page');

    await signIn(page);
    await page.reload();
    await page.getByRole('heading', { name: 'Comunità Tematiche' }).waitFor();
    assert.equal(await page.getByRole('button', { name: 'Esci' }).isVisible(), true);

    await page.getByRole('button', { name: 'Esci' }).click();
    await page.getByRole('button', { name: 'Accedi' }).waitFor();
    await page.reload();
    await page.getByRole('button', { name: 'Accedi' }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.deepEqual(errors, [], 'nothing logged after signing out and reloading');
    await screenshot(page, `coordinator-sign-in-${viewport.width}`);
    await context.close();
  }
});

// What the live region says (the visually hidden #announcer).
const announced = (page, text) => page.waitForFunction((t) => document.getElementById('announcer').textContent === t, text);

test('saves in the coordinator area show a mark beside the control and are announced', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    await page.goto(`${env.server.url}coordinator.html`);
    await signIn(page);
    const made = await page.request.post(`${env.server.url}api/v1/communities/ct-sanita-digitale/objectives`,
      { data: { title: `Cartella sociale condivisa ${viewport.width}`, year: 2026, needs_working_group: true },
        headers: { origin: new URL(env.server.url).origin } }); // as the page's own fetch sends it
    assert.ok(made.ok());
    const { objective } = await made.json();
    await page.goto(`${env.server.url}coordinator.html#/objective/${objective.id}`);
    await page.getByRole('heading', { name: objective.title }).waitFor();

    // The objective's own fields: the mark sits beside its Salva button.
    await page.getByLabel('Descrizione').first().fill('Una cartella per i servizi sociali dei Comuni.');
    await page.getByRole('button', { name: 'Salva', exact: true }).click();
    const mark = page.locator('[data-save="objective"]');
    await mark.filter({ hasText: 'Salvato ✓' }).waitFor();
    assert.equal(await mark.isVisible(), true);
    await announced(page, 'Obiettivo salvato.');
    assert.equal(await page.getByLabel('Descrizione').first().inputValue(), 'Una cartella per i servizi sociali dei Comuni.');
    await screenshot(page, `coordinator-objective-saved-${viewport.width}`);

    // The working group: its own mark, and only that one shows.
    await page.getByRole('button', { name: 'Aggiungi un membro' }).click();
    await page.getByLabel('Nome del membro 1').fill('Lucia Neri');
    await page.getByLabel('Ente del membro 1').fill('Comune di Bari');
    await page.getByRole('button', { name: 'Salva il gruppo' }).click();
    await page.locator('[data-save="group"]', { hasText: 'Salvato ✓' }).waitFor();
    await announced(page, 'Gruppo di lavoro salvato.');
    assert.equal(await page.locator('[data-save="objective"]').textContent(), '');

    // A status change.
    await page.getByRole('button', { name: 'Approva' }).click();
    await page.locator('[data-save="status"]', { hasText: 'Salvato ✓' }).waitFor();
    await announced(page, "Stato dell'obiettivo cambiato.");
    await context.close();
  }
});
