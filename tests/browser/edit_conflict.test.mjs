// No lost edits in the coordinator area: two coordinators edit the same
// objective; the second save is refused (412), the page says someone else
// changed it and what changed; "Ricarica la versione attuale" loads the
// current version with what the second one typed still in the form (the
// other's value shown beside the field both changed), and saving then works.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, screenshot, serverWithCoordinatorPerFile, signInCoordinator } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Mara Conti');

async function signedIn(viewport) {
  const context = await env.browser.newContext({ viewport });
  const page = await context.newPage();
  await signInCoordinator(page, env, 'Mara Conti');
  return { context, page };
}

async function open(page, objective) {
  await page.goto(`${env.server.url}coordinator.html#/objective/${objective.id}`);
  await page.getByRole('heading', { name: objective.title, level: 1 }).waitFor();
}

const title = (page) => page.getByLabel('Titolo', { exact: true });
const description = (page) => page.getByLabel('Descrizione').first();

for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
  test(`a save that crosses another's shows the conflict and keeps the typed text (${viewport.width} px)`, async () => {
    const anna = await signedIn(viewport);
    const bruno = await signedIn(viewport);
    const made = await anna.page.request.post(`${env.server.url}api/v1/communities/ct-sanita-digitale/objectives`,
      { data: { title: `Fascicolo condiviso ${viewport.width}`, year: 2026 },
        headers: { origin: new URL(env.server.url).origin } }); // as the page's own fetch sends it
    assert.ok(made.ok());
    const { objective } = await made.json();
    await open(anna.page, objective);
    await open(bruno.page, objective);

    // Bruno saves first.
    await title(bruno.page).fill('Fascicolo sociale di Bruno');
    await bruno.page.getByRole('button', { name: 'Salva', exact: true }).click();
    await bruno.page.locator('[data-save="objective"]', { hasText: 'Salvato ✓' }).waitFor();

    // Anna, on the version she opened, changes the title too and the
    // description: her save is refused and she is told why, and what changed.
    await title(anna.page).fill('Fascicolo di Anna');
    await description(anna.page).fill('Il testo che Anna ha scritto e non deve perdere.');
    await anna.page.getByRole('button', { name: 'Salva', exact: true }).click();
    const panel = anna.page.getByRole('region', { name: 'Qualcun altro ha modificato questo obiettivo' });
    await panel.waitFor();
    assert.equal(await anna.page.evaluate(() => document.activeElement.id), 'conflict-title', 'focus on the prompt');
    assert.match(await panel.getByRole('listitem').first().innerText(), /Titolo: Fascicolo condiviso \d+ → Fascicolo sociale di Bruno/);
    assert.equal(await anna.page.locator('[data-save="objective"]').innerText(), '', 'no "Salvato" mark');
    assert.equal(await description(anna.page).inputValue(), 'Il testo che Anna ha scritto e non deve perdere.');
    await checkAccessibility(anna.page, 'the conflict prompt');
    await screenshot(anna.page, `coordinator-conflict-${viewport.width}`);

    // From the keyboard: the current version loads, her text stays.
    await panel.getByRole('button', { name: 'Ricarica la versione attuale' }).focus();
    await anna.page.keyboard.press('Enter');
    const loaded = anna.page.getByRole('status').filter({ hasText: 'Versione attuale caricata' });
    await loaded.waitFor();
    assert.equal(await anna.page.evaluate(() => document.activeElement.id), 'conflict-loaded');
    assert.equal(await panel.count(), 0);
    assert.equal(await title(anna.page).inputValue(), 'Fascicolo di Anna');
    assert.equal(await description(anna.page).inputValue(), 'Il testo che Anna ha scritto e non deve perdere.');
    await anna.page.getByText('Nella versione attuale questo campo è: «Fascicolo sociale di Bruno»').waitFor();
    await checkAccessibility(anna.page, 'the objective reloaded after a conflict');
    await screenshot(anna.page, `coordinator-conflict-reloaded-${viewport.width}`);

    // At 360 px she takes Bruno's title; at 1280 she keeps hers. Either way
    // her description is saved and the save now goes through.
    const takesTheirs = viewport.width === 360;
    if (takesTheirs) {
      await anna.page.getByRole('button', { name: 'Usa la versione attuale: Titolo' }).click();
      assert.equal(await title(anna.page).inputValue(), 'Fascicolo sociale di Bruno');
    }
    await anna.page.getByRole('button', { name: 'Salva', exact: true }).click();
    await anna.page.locator('[data-save="objective"]', { hasText: 'Salvato ✓' }).waitFor();
    const stored = await (await anna.page.request.get(`${env.server.url}api/v1/objectives/${objective.id}`)).json();
    assert.equal(stored.objective.title, takesTheirs ? 'Fascicolo sociale di Bruno' : 'Fascicolo di Anna');
    assert.equal(stored.objective.description, 'Il testo che Anna ha scritto e non deve perdere.');

    // The file, too, is put naming the version the page shows; text typed
    // and not yet saved stays in the form when the page redraws after it.
    await description(anna.page).fill('Scritto ma non ancora salvato.');
    await anna.page.getByLabel('Scegli un file').setInputFiles({ name: `relazione-${viewport.width}.pdf`, mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 prova') });
    await anna.page.getByRole('button', { name: 'Allega' }).click();
    await anna.page.getByRole('link', { name: `relazione-${viewport.width}.pdf` }).waitFor();
    await anna.page.locator('[data-save="file"]', { hasText: 'Salvato ✓' }).waitFor();
    assert.equal(await description(anna.page).inputValue(), 'Scritto ma non ancora salvato.');
    await anna.page.getByRole('button', { name: 'Approva' }).click();
    await anna.page.locator('[data-save="status"]', { hasText: 'Salvato ✓' }).waitFor();
    assert.equal(await description(anna.page).inputValue(), 'Scritto ma non ancora salvato.');

    await anna.context.close();
    await bruno.context.close();
  });
}

// The community's people list: the same prompt, and the list the user did
// not touch shows the other's change after the reload.
for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
  test(`people saved over another's save show the conflict and keep the typed rows (${viewport.width} px)`, async () => {
    const anna = await signedIn(viewport);
    const bruno = await signedIn(viewport);
    const community = `${env.server.url}coordinator.html#/community/ct-sanita-digitale/2026`;
    for (const { page } of [anna, bruno]) {
      await page.goto(community);
      await page.getByRole('heading', { name: 'Coordinatori e referenti' }).waitFor();
    }
    const coordinator = `Bruno Verdi ${viewport.width}`;
    const referent = `Anna Russo ${viewport.width}`;
    const names = (page, role) => page.getByLabel(new RegExp(`^Nome del ${role} \\d+$`));
    const rowCount = (page, role) => names(page, role).count();
    const values = async (page, role) => Promise.all((await names(page, role).all()).map((input) => input.inputValue()));

    const before = await rowCount(bruno.page, 'coordinatore');
    await bruno.page.getByRole('button', { name: 'Aggiungi un coordinatore' }).click();
    await bruno.page.getByLabel(`Nome del coordinatore ${before + 1}`).fill(coordinator);
    await bruno.page.getByRole('button', { name: 'Salva coordinatori e referenti' }).click();
    await bruno.page.locator('[data-save="people"]', { hasText: 'Salvato ✓' }).waitFor();

    const referents = await rowCount(anna.page, 'referente');
    await anna.page.getByRole('button', { name: 'Aggiungi un referente' }).click();
    await anna.page.getByLabel(`Nome del referente ${referents + 1}`).fill(referent);
    await anna.page.getByLabel(`Ente del referente ${referents + 1}`).fill('Regione');
    await anna.page.getByRole('button', { name: 'Salva coordinatori e referenti' }).click();
    const panel = anna.page.getByRole('region', { name: 'Qualcun altro ha modificato coordinatori e referenti' });
    await panel.waitFor();
    assert.match(await panel.getByRole('listitem').first().innerText(), new RegExp(`^Coordinatori: .*→ .*${coordinator}`));
    await checkAccessibility(anna.page, 'the people conflict prompt');
    await screenshot(anna.page, `coordinator-people-conflict-${viewport.width}`);

    await panel.getByRole('button', { name: 'Ricarica la versione attuale' }).click();
    await anna.page.getByRole('status').filter({ hasText: 'Versione attuale caricata' }).waitFor();
    assert.ok((await values(anna.page, 'referente')).includes(referent), 'her row kept');
    assert.ok((await values(anna.page, 'coordinatore')).includes(coordinator), 'his row shown');
    await checkAccessibility(anna.page, 'the people reloaded after a conflict');
    await anna.page.locator('section.people').screenshot({ path: new URL(`./test-results/coordinator-people-reloaded-${viewport.width}.png`, import.meta.url).pathname });
    await anna.page.getByRole('button', { name: 'Salva coordinatori e referenti' }).click();
    await anna.page.locator('[data-save="people"]', { hasText: 'Salvato ✓' }).waitFor();
    const stored = await (await anna.page.request.get(`${env.server.url}api/v1/communities/ct-sanita-digitale/people`)).json();
    assert.ok(stored.coordinators.some((p) => p.name === coordinator));
    assert.ok(stored.referents.some((p) => p.name === referent && p.organization === 'Regione'));

    await anna.context.close();
    await bruno.context.close();
  });
}
