// The cluster phase in real Chromium: a facilitator groups what participants
// wrote, moves a contribution with the keyboard-friendly select, renames and
// promotes a group; a participant sees every change live.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, joinAs, screenshot, serverAndBrowserPerFile, facilitate } from './support.mjs';

const env = serverAndBrowserPerFile({ before, after });

const texts = [
  'Telemedicina per i pazienti cronici nelle zone di montagna',
  'I medici di base non ricevono i referti digitali dagli ospedali',
  'Fascicolo sanitario elettronico poco usato dai cittadini',
  'Le scuole hanno laboratori informatici vecchi e lenti',
  'Insegnanti da formare sulla didattica con strumenti digitali',
  'Registro elettronico e comunicazioni scuola-famiglia in una sola app',
];

test('group, move, rename and promote, seen live by a participant', async () => {
  const anna = await joinAs(await env.browser.newContext(), env.server, { name: 'Anna', organization: 'Comune di Lecce' });
  for (const text of texts) {
    await anna.getByLabel('Testo').fill(text);
    await anna.getByRole('button', { name: 'Invia' }).click();
  }
  await anna.locator('.cards li').nth(texts.length - 1).waitFor();

  const fac = await facilitate(await env.browser.newContext(), env.server);
  // Participants have no staff controls.
  assert.equal(await anna.locator('#staff-controls').isVisible(), false);

  await fac.getByLabel('Fase').selectOption('cluster');
  await anna.locator('#meeting-phase', { hasText: 'Raggruppamento' }).waitFor();
  await fac.getByRole('button', { name: 'Raggruppa i contributi' }).click();
  await fac.locator('#cluster-status', { hasText: 'gruppi' }).waitFor();

  // Both pages show the same groups; every text is somewhere on the board.
  await anna.locator('#groups-list .group').first().waitFor();
  const groups = await fac.locator('#groups-list .group').count();
  assert.ok(groups >= 2, `expected at least two groups, got ${groups}`);
  assert.equal(await anna.locator('#groups-list .group').count(), groups);
  for (const text of texts) {
    assert.equal(await anna.locator('#groups-view .members li', { hasText: text }).count(), 1, text);
  }
  // Health and school texts are apart.
  const groupOf = (page, text) => page.locator('#groups-list .group', { has: page.locator('li', { hasText: text }) }).getAttribute('data-group');
  const health = await groupOf(anna, texts[0]);
  assert.notEqual(health, await groupOf(anna, texts[3]));

  // Move a school text into the health group with the select.
  const move = fac.locator('#groups-view .members li', { hasText: texts[4] }).locator('select');
  await move.selectOption(health);
  await anna.locator(`#groups-list .group[data-group="${health}"] li`, { hasText: texts[4] }).waitFor();
  await anna.locator(`#groups-list .group[data-group="${health}"] li`, { hasText: 'spostato a mano' }).waitFor();

  // Rename, then promote.
  const card = fac.locator(`#groups-list .group[data-group="${health}"]`);
  await card.getByLabel('Titolo del gruppo').fill('Sanità digitale');
  await card.getByRole('button', { name: 'Rinomina' }).click();
  await anna.locator(`#groups-list .group[data-group="${health}"] h3`, { hasText: 'Sanità digitale' }).waitFor();
  await card.getByRole('button', { name: 'Crea obiettivo' }).click();
  await anna.locator(`#groups-list .group[data-group="${health}"]`, { hasText: 'Obiettivo in bozza creato' }).waitFor();
  await anna.locator('#announcer', { hasText: 'Obiettivo in bozza creato: Sanità digitale' }).waitFor();
  assert.equal(await card.getByRole('button', { name: 'Crea obiettivo' }).count(), 0);
  await checkAccessibility(fac, 'the cluster board, facilitator');
  await checkAccessibility(anna, 'the cluster board, participant');
  await screenshot(fac, 'cluster-board-facilitator');
});
