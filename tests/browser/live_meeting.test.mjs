// A live meeting in real Chromium: two participants in separate browser
// contexts see each other's contributions appear without reloading.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, facilitate, joinAs, screenshot, serverAndBrowserPerFile } from './support.mjs';

const env = serverAndBrowserPerFile({ before, after });

test('a contribution sent in one page appears live in the other', async () => {
  const anna = await joinAs(await env.browser.newContext(), env.server, { name: 'Anna', organization: 'Comune di Lecce' });
  const bruno = await joinAs(await env.browser.newContext(), env.server, { name: 'Bruno', organization: 'ASL Bari' });

  await assert.doesNotReject(anna.locator('#connection', { hasText: 'Connesso' }).waitFor());
  // The kit draws the radio on its label: people click the label.
  await anna.locator('label[for="kind-need"]').click();
  assert.equal(await anna.getByLabel('Esigenza').isChecked(), true);
  await anna.getByLabel('Testo').fill('Formazione sul cloud per i dipendenti comunali');
  await anna.getByRole('button', { name: 'Invia' }).click();

  const card = bruno.locator('.cards[data-kind="need"] li', { hasText: 'Formazione sul cloud per i dipendenti comunali' });
  await card.waitFor({ timeout: 5000 });
  assert.match(await card.locator('.author').textContent(), /Anna · Comune di Lecce/);
  assert.equal(await bruno.locator('[data-count="need"]').textContent(), '1');
  // The author sees it once too, and the text box is empty for the next one.
  await anna.locator('.cards[data-kind="need"] li').first().waitFor();
  assert.equal(await anna.locator('.cards li').count(), 1);
  assert.equal(await anna.getByLabel('Testo').inputValue(), '');
  // Screen-reader users hear about it.
  await bruno.locator('#announcer', { hasText: 'Nuovo contributo da Anna' }).waitFor();
  await checkAccessibility(bruno, 'a kick-off meeting, participant');
  await screenshot(bruno, 'meeting-participant');
  await bruno.setViewportSize({ width: 360, height: 800 });
  await checkAccessibility(bruno, 'a kick-off meeting at 360 px');
  await screenshot(bruno, 'meeting-participant-360px');
});

test('user text is shown as text, never run as HTML', async () => {
  const page = await joinAs(await env.browser.newContext(), env.server, { name: '<b>Eve</b>', organization: 'Ente' });
  const dialogs = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss(); });
  const evil = '<img src=x onerror="alert(1)"><script>alert(2)</script>';
  await page.getByLabel('Testo').fill(evil);
  await page.getByRole('button', { name: 'Invia' }).click();
  const card = page.locator('.cards[data-kind="proposal"] li .text', { hasText: 'onerror' });
  await card.waitFor();
  assert.equal(await card.textContent(), evil);
  assert.equal(await page.locator('.cards img, .cards script').count(), 0);
  assert.deepEqual(dialogs, []);
});

test('a late joiner sees what was said before, and the facilitator link gives the role', async () => {
  const page = await facilitate(await env.browser.newContext(), env.server);
  await page.locator('.cards li', { hasText: 'Formazione sul cloud' }).waitFor();
  // The join link, as text and as a QR code for phones.
  await page.getByText('Invita i partecipanti').click();
  const link = await page.getByLabel('Link per partecipare').inputValue();
  const shown = env.server.joinCode.replace(/^(.{4})-?(.{4})$/, '$1-$2');
  assert.equal(link, `${env.server.url}#/join/${shown}`);
  const qr = page.getByRole('img', { name: 'Inquadra il codice QR per partecipare dal telefono' });
  await qr.waitFor();
  assert.equal(await qr.getAttribute('data-link'), link);
  assert.ok((await qr.locator('path').getAttribute('d')).length > 500, 'the QR code has its modules');
  await checkAccessibility(page, 'a kick-off meeting, facilitator');
  await screenshot(page, 'meeting-facilitator');
});

test('a wrong join code gives a clear message and keeps the form', async () => {
  const page = await (await env.browser.newContext()).newPage();
  await page.goto(env.server.url);
  await page.getByLabel("Codice dell'incontro").fill('ZZZZ-ZZZZ');
  await page.getByLabel('Il tuo nome').fill('Zoe');
  await page.getByLabel('Il tuo ente').fill('Comune di Zollino');
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.locator('#join-error', { hasText: 'Nessun incontro aperto ha questo codice' }).waitFor();
  assert.equal(await page.locator('#meeting-view').isVisible(), false);
  await checkAccessibility(page, 'the join page with an error');
  await screenshot(page, 'join-error');
});

test('the page switches to English', async () => {
  const page = await (await env.browser.newContext()).newPage();
  await page.goto(env.server.url);
  await page.getByRole('button', { name: 'English' }).click();
  await page.getByRole('heading', { name: 'Join the meeting' }).waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.lang), 'en');
  await checkAccessibility(page, 'the join page in English');
  await screenshot(page, 'join-english');
});

test('a reload keeps you in: no form to fill, the draft and its kind are still there', async () => {
  const context = await env.browser.newContext();
  const page = await joinAs(context, env.server, { name: 'Carla', organization: 'Comune di Bari' });
  await page.locator('label[for="kind-activity"]').click();
  await page.getByLabel('Testo').fill('Una bozza da finire');
  await page.reload();
  // Back in the meeting without pressing Entra, as the same person.
  await page.locator('#meeting-view').waitFor();
  await page.locator('#connection[data-state="open"]').waitFor();
  assert.equal(await page.locator('#join-view').isHidden(), true);
  assert.match(await page.locator('#meeting-you').textContent(), /Carla · Comune di Bari/);
  assert.equal(await page.getByLabel('Testo').inputValue(), 'Una bozza da finire');
  assert.equal(await page.locator('#kind-activity').isChecked(), true);
  // A link to another meeting still asks who you are.
  const other = await context.newPage();
  await other.goto(`${env.server.url}/#/join/ZZZZ-9999`);
  await other.locator('#join-view').waitFor();
  assert.equal(await other.locator('#meeting-view').isHidden(), true);
});

test('the countdown keeps counting across a language switch', async () => {
  const fac = await facilitate(await env.browser.newContext(), env.server);
  await fac.locator('#timer-minutes').fill('1');
  await fac.locator('#timer-start').click();
  await fac.locator('#timer-value', { hasText: /^(1:00|0:5\d)$/ }).waitFor();
  await fac.waitForTimeout(3000);
  await fac.locator('#lang-switch').click();
  await fac.locator('#lang-switch', { hasText: 'Italiano' }).waitFor();
  const left = await fac.locator('#timer-value').textContent();
  const [m, s] = left.split(':').map(Number);
  assert.ok(m * 60 + s <= 57, `after 3 s the countdown shows ${left}, not its start again`);
  await fac.locator('#lang-switch').click();
  await fac.locator('#timer-stop').click();
});
