// Accounts with roles in the coordinator area: the admin (the first account
// made) adds a co-coordinator of one community and sees its password once;
// that person signs in, sees their role in the header, changes their own
// community but only reads the others; the admin disables the account and its
// open page falls back to the sign-in form.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, screenshot, serverWithCoordinatorPerFile, signInCoordinator } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Ada Rossi');
const own = { slug: 'ct-sanita-digitale', name: 'Comunità Tematica Sanità Digitale e Servizi Socio-Sanitari' };
const other = { slug: 'ct-scuola-competenze-digitali', name: 'Comunità Tematica Scuola e Competenze Digitali' };

const signIn = (page, name, password) => signInCoordinator(page, env, name, password);

test('an admin adds a co-coordinator, who changes only their community and is signed out when disabled', async () => {
  for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
    const w = viewport.width;
    const admin = await (await env.browser.newContext({ viewport })).newPage();
    await signIn(admin, 'Ada Rossi', env.password);
    assert.match(await admin.locator('#who').textContent(), /Ada Rossi · Amministratore/);

    await admin.getByRole('link', { name: 'Account' }).click();
    await admin.getByRole('heading', { name: 'Nuovo account' }).waitFor();
    const name = `Cora Bianchi ${w}`;
    await admin.getByLabel('Nome').fill(name);
    await admin.getByLabel('Ruolo').selectOption('co-coordinator');
    await admin.locator('label', { hasText: own.name }).click();
    assert.equal(await admin.getByLabel(own.name).isChecked(), true);
    await admin.getByRole('button', { name: 'Aggiungi account' }).click();
    const password = (await admin.locator('.password-box .password').textContent()).trim();
    assert.equal(password.length, 20);
    await admin.getByRole('heading', { name }).waitFor();
    await checkAccessibility(admin, `the accounts screen at ${w}`);
    await screenshot(admin, `accounts-added-${w}`);

    // The co-coordinator: the role in the header, no Accounts link, no new community.
    const cora = await (await env.browser.newContext({ viewport })).newPage();
    await signIn(cora, name, password);
    assert.match(await cora.locator('#who').textContent(), /Co-coordinatore/);
    assert.equal(await cora.getByRole('link', { name: 'Account' }).isVisible(), false);
    assert.equal(await cora.getByRole('heading', { name: 'Nuova comunità' }).isVisible(), false);

    // Their own community offers changes; another is read-only.
    await cora.goto(`${env.server.url}coordinator.html#/community/${own.slug}/2026`);
    await cora.locator('h1', { hasText: own.name }).waitFor();
    assert.equal(await cora.getByRole('button', { name: 'Crea' }).first().isVisible(), true);
    assert.equal(await cora.locator('.read-only-notice').count(), 0);
    await cora.goto(`${env.server.url}coordinator.html#/community/${other.slug}/2026`);
    await cora.locator('h1', { hasText: other.name }).waitFor();
    await cora.locator('.read-only-notice').waitFor();
    assert.equal(await cora.getByRole('button', { name: 'Crea' }).count() > 0
      && await cora.getByRole('button', { name: 'Crea' }).first().isVisible(), false);
    assert.equal(await cora.getByLabel('Anno').isEnabled(), true, 'the year still changes');
    await checkAccessibility(cora, `a read-only community at ${w}`);
    await screenshot(cora, `accounts-read-only-${w}`);
    // The server refuses what the page does not offer.
    const refused = await cora.request.post(`${env.server.url}api/v1/communities/${other.slug}/objectives`,
      { data: { title: 'No' }, headers: { origin: new URL(env.server.url).origin } }); // as the page's own fetch sends it
    assert.equal(refused.status(), 403);
    assert.equal((await refused.json()).error.code, 'forbidden');

    // Disabled by the admin: Cora's next request finds the session ended.
    await admin.getByRole('button', { name: `Disattiva: ${name}` }).click();
    await admin.getByRole('heading', { name }).locator('.badge').waitFor();
    await cora.goto(`${env.server.url}coordinator.html#/community/${own.slug}/2026`);
    await cora.getByRole('button', { name: 'Accedi' }).waitFor();
    await admin.context().close();
    await cora.context().close();
  }
});

test('every account changes its own password; the old one stops working', async () => {
  const page = await (await env.browser.newContext({ viewport: { width: 360, height: 740 } })).newPage();
  await signIn(page, 'Ada Rossi', env.password);
  await page.getByRole('link', { name: 'Cambia password' }).click();
  await page.getByLabel('Password attuale').fill('sbagliata');
  await page.getByLabel('Nuova password', { exact: true }).fill('una password nuova');
  await page.getByLabel('Ripeti la nuova password').fill('una password nuova');
  await page.getByRole('button', { name: 'Cambia password' }).click();
  await page.getByText('La password attuale non è corretta.').waitFor();
  await page.getByLabel('Password attuale').fill(env.password);
  await page.getByRole('button', { name: 'Cambia password' }).click();
  await page.locator('[data-save="password"]').filter({ hasText: 'Salvato ✓' }).waitFor();
  await checkAccessibility(page, 'the password screen');
  await screenshot(page, 'accounts-password-360');
  const old = await page.request.post(`${env.server.url}api/v1/session`,
    { data: { name: 'Ada Rossi', password: env.password }, headers: { origin: new URL(env.server.url).origin } });
  assert.equal(old.status(), 401);
  env.password = 'una password nuova';
  await page.context().close();
});
