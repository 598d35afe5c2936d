// The facilitator's settings and board tools in real Chromium: the lobby's
// settings (private writing, a support budget), the reveal, and merging and
// splitting groups on the cluster board.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, facilitate, joinAs, screenshot, serverAndBrowserPerFile } from './support.mjs';

const env = serverAndBrowserPerFile({ before, after });

const texts = [
  'Telemedicina per i pazienti cronici nelle zone di montagna',
  'I medici di base non ricevono i referti digitali dagli ospedali',
  'Le scuole hanno laboratori informatici vecchi e lenti',
  'Insegnanti da formare sulla didattica con strumenti digitali',
];

test('private writing, a reveal, a budget; merging and splitting groups', async () => {
  const fac = await facilitate(await env.browser.newContext(), env.server);
  await fac.getByLabel('Fase').selectOption('lobby');
  // The kit draws check boxes on their labels: people click the label.
  await fac.locator('label[for="set-private"]').click();
  assert.equal(await fac.getByLabel('Scrittura privata fino a quando il facilitatore mostra i contributi').isChecked(), true);
  await fac.getByLabel('Sostegni per partecipante').fill('3');
  await fac.getByRole('button', { name: 'Salva le impostazioni' }).click();
  await fac.locator('#announcer', { hasText: 'Impostazioni salvate.' }).waitFor();
  await checkAccessibility(fac, 'the lobby with its settings');
  await screenshot(fac, 'lobby-facilitator');
  await fac.getByLabel('Fase').selectOption('collect');
  // Settings are made in the lobby only.
  await fac.locator('#settings-form').waitFor({ state: 'hidden' });

  const anna = await joinAs(await env.browser.newContext(), env.server, { name: 'Anna', organization: 'Comune di Lecce' });
  const bruno = await joinAs(await env.browser.newContext(), env.server, { name: 'Bruno', organization: 'ASL Bari' });
  for (const [i, text] of texts.entries()) {
    const page = i % 2 ? bruno : anna;
    await page.getByLabel('Testo').fill(text);
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.locator('.cards li .text', { hasText: text }).waitFor();
  }
  // Private writing: each sees only their own; staff see all.
  for (const text of texts) await fac.locator('.cards li .text', { hasText: text }).waitFor();
  assert.equal(await anna.locator('.cards li').count(), 2);
  assert.equal(await bruno.locator('.cards li').count(), 2);

  await fac.getByRole('button', { name: 'Mostra a tutti i contributi' }).click();
  await anna.locator('.cards li .text', { hasText: texts[1] }).waitFor();
  assert.equal(await anna.locator('.cards li').count(), 4);
  await fac.getByRole('button', { name: 'Mostra a tutti i contributi' }).waitFor({ state: 'hidden' });

  await fac.getByLabel('Fase').selectOption('vote');
  await anna.locator('#budget', { hasText: 'Sostegni rimasti: 3' }).waitFor();

  // Cluster, then merge every group into the first, then split two off again.
  await fac.getByLabel('Fase').selectOption('cluster');
  await fac.getByRole('button', { name: 'Raggruppa i contributi' }).click();
  await fac.locator('#cluster-status', { hasText: 'gruppi' }).waitFor();
  // Each merge goes through the group's menu: "Unisci al gruppo", the first.
  const groupActions = (group) => group.locator('.column-head').getByRole('button', { name: /^Azioni del gruppo/ });
  while ((await fac.locator('#groups-list .group').count()) > 1) {
    const before = await fac.locator('#groups-list .group').count();
    const first = (await fac.locator('#groups-list .group h3').first().textContent()).trim();
    await groupActions(fac.locator('#groups-list .group').last()).click();
    await fac.getByRole('group', { name: 'Unisci al gruppo' }).getByRole('menuitem', { name: first, exact: true }).click();
    await fac.locator('#groups-list .group').nth(before - 1).waitFor({ state: 'detached' });
  }
  const only = fac.locator('#groups-list .group').first();
  for (const text of texts) await only.locator('.members .text', { hasText: text }).waitFor();
  await anna.locator('#groups-list .group').nth(1).waitFor({ state: 'detached' });

  // Two cards chosen from their menus leave together from the group's menu.
  for (const text of [texts[2], texts[3]]) {
    await only.getByRole('button', { name: `Azioni: ${text}` }).click();
    await fac.getByRole('menuitemcheckbox', { name: 'Scegli per separare' }).click();
    await only.locator('.board-card.picked', { hasText: text }).waitFor();
  }
  await groupActions(only).click();
  await fac.getByRole('menuitem', { name: 'Separa i 2 contributi scelti in un nuovo gruppo' }).click();
  await fac.locator('#groups-list .group').nth(1).waitFor();
  const second = anna.locator('#groups-list .group').nth(1);
  await second.locator('.members .text', { hasText: texts[2] }).waitFor();
  await second.locator('.members .text', { hasText: texts[3] }).waitFor();
  assert.equal(await fac.locator('.board-card.picked').count(), 0);
  await checkAccessibility(fac, 'the cluster board with merge and split');
});
