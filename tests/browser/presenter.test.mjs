// The presenter's screen in real Chromium (issue 18, item 4): opened from the
// facilitator page at 1920×1080, it shows the way in and a live wall while
// collecting, the board in `cluster`, the results in `vote`, a closing screen
// in `closed`; never more than a participant may see (private writing,
// anonymity, hidden cards); no controls; participants cannot open it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, facilitate, joinAs, screenshot, serverAndBrowserPerFile } from './support.mjs';

const env = serverAndBrowserPerFile({ before, after });

const texts = [
  'Telemedicina per i pazienti cronici nelle zone di montagna',
  'I medici di base non ricevono i referti digitali dagli ospedali',
  'Fascicolo sanitario elettronico poco usato dai cittadini',
  'Le scuole hanno laboratori informatici vecchi e lenti',
  'Insegnanti da formare sulla didattica con strumenti digitali',
];

// Form controls a person could see or reach on the page.
const controls = (page) => page.evaluate(() => [...document.querySelectorAll('button, input, select, textarea, form, summary, [contenteditable]')]
  .filter((el) => el.checkVisibility())
  .map((el) => el.id || el.outerHTML.slice(0, 60)));

// No controls, and all of it on the screen without scrolling.
async function noControls(page, what) {
  assert.deepEqual(await controls(page), [], `controls on the presenter's screen, ${what}`);
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height <= 1080, `the presenter's screen fits 1080 pixels, ${what}: ${height}`);
}

const wallText = (page) => page.locator('.wall .wall-text').allTextContents();
const submit = async (page, text) => {
  await page.getByLabel('Testo').fill(text);
  await page.getByRole('button', { name: 'Invia' }).click();
  await page.locator('.cards li .text', { hasText: text }).waitFor();
};

async function saveSettings(fac, { privateWriting, anonymous }) {
  await fac.getByLabel('Fase').selectOption('lobby');
  for (const [id, on] of [['set-private', privateWriting], ['set-anonymous', anonymous]]) {
    if ((await fac.locator(`#${id}`).isChecked()) !== on) await fac.locator(`label[for="${id}"]`).click();
  }
  await fac.getByRole('button', { name: 'Salva le impostazioni' }).click();
  await fac.locator('#announcer', { hasText: 'Impostazioni salvate.' }).waitFor();
}

test('the presenter follows the meeting and shows what a participant may see', async () => {
  const screen = { viewport: { width: 1920, height: 1080 } };
  const facContext = await env.browser.newContext(screen);
  const fac = await facilitate(facContext, env.server);
  const code = env.server.joinCode;

  // Opened from the facilitator page, in a new tab, without the secret in its address.
  const [presenter] = await Promise.all([facContext.waitForEvent('page'), fac.getByRole('link', { name: 'Schermo di presentazione' }).click()]);
  await presenter.locator('#present-view[data-screen="welcome"]').waitFor();
  assert.ok(presenter.url().endsWith(`#/present/${code}`), presenter.url());
  assert.ok(!presenter.url().includes(env.server.facilitatorSecret));

  // The lobby: code, link and QR code, large.
  await saveSettings(fac, { privateWriting: true, anonymous: false });
  await presenter.locator('.present-lobby').waitFor();
  const shown = code.replace(/^(.{4})(.+)$/, '$1-$2');
  assert.equal(await presenter.locator('.present-code').textContent(), shown);
  assert.equal(await presenter.locator('.present-join-link').textContent(), `${env.server.url}#/join/${shown}`);
  await presenter.locator('svg.present-qr path').waitFor({ state: 'attached' });
  assert.equal(await presenter.locator('svg.present-qr').getAttribute('data-link'), `${env.server.url}#/join/${shown}`);
  const codeSize = await presenter.locator('.present-code').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
  assert.ok(codeSize >= 80, `the code is large: ${codeSize}px`);
  const qr = await presenter.locator('svg.present-qr').boundingBox();
  assert.ok(qr.width >= 300, `the QR code is large: ${qr.width}px`);
  await noControls(presenter, 'lobby');
  await checkAccessibility(presenter, 'the presenter, lobby');
  await screenshot(presenter, 'presenter-lobby-1920');

  // Collecting with private writing: how many, never what.
  await fac.getByLabel('Fase').selectOption('collect');
  await presenter.locator('.present-collect').waitFor();
  const anna = await joinAs(await env.browser.newContext(), env.server, { name: 'Anna', organization: 'Comune di Lecce' });
  const bruno = await joinAs(await env.browser.newContext({ viewport: { width: 360, height: 740 } }), env.server, { name: 'Bruno', organization: 'ASL Bari' });
  await submit(anna, texts[0]);
  await submit(bruno, texts[1]);
  await presenter.locator('.present-sealed', { hasText: '2 contributi ricevuti' }).waitFor();
  assert.equal(await presenter.getByText(texts[0]).count(), 0);
  assert.equal(await presenter.getByText(texts[1]).count(), 0);
  // The screen is staff, but not a participant: the count of people is theirs alone.
  await anna.locator('#presence', { hasText: '2 partecipanti connessi' }).waitFor();
  await presenter.locator('#present-presence', { hasText: '2 partecipanti connessi' }).waitFor();
  await noControls(presenter, 'private writing');
  await screenshot(presenter, 'presenter-collect-private-1920');

  // The reveal: the texts with their bodies, the newest first.
  await fac.getByRole('button', { name: 'Mostra a tutti i contributi' }).click();
  await presenter.locator('.wall .wall-text', { hasText: texts[1] }).waitFor();
  assert.deepEqual(await wallText(presenter), [texts[1], texts[0]]);
  assert.deepEqual(await presenter.locator('.wall .wall-author').allTextContents(), ['ASL Bari', 'Comune di Lecce']);

  // Anonymous: no author on the wall, while the facilitator still sees them.
  await saveSettings(fac, { privateWriting: true, anonymous: true });
  await fac.getByLabel('Fase').selectOption('collect');
  await presenter.locator('.present-collect .wall').waitFor();
  await submit(anna, texts[2]);
  await submit(bruno, texts[3]);
  // The wall follows: each new contribution comes in at the top.
  await presenter.locator('.wall .wall-card').first().filter({ hasText: texts[3] }).waitFor();
  assert.deepEqual(await wallText(presenter), [texts[3], texts[2], texts[1], texts[0]]);
  assert.equal(await presenter.locator('.wall .wall-author').count(), 0);
  assert.equal(await presenter.getByText('Comune di Lecce').count(), 0);
  assert.equal(await presenter.getByText('Anna').count(), 0);
  await fac.locator('.cards li', { hasText: texts[3] }).locator('.author', { hasText: 'Bruno' }).waitFor();
  // A hidden contribution leaves the wall.
  await fac.locator('.cards li', { hasText: texts[2] }).getByRole('button', { name: /^Nascondi/ }).click();
  await presenter.locator('.wall .wall-text', { hasText: texts[2] }).waitFor({ state: 'detached' });
  await submit(anna, texts[4]);
  await presenter.locator('.wall .wall-text', { hasText: texts[4] }).waitFor();
  // The countdown shows, large.
  await fac.getByLabel('Timer (minuti)').fill('5');
  await fac.getByRole('button', { name: 'Avvia' }).click();
  await presenter.locator('#present-timer', { hasText: /Tempo rimasto [45]:\d\d/ }).waitFor();
  // Redrawn for a new contribution a few seconds later, it keeps counting.
  await presenter.waitForTimeout(3000);
  await submit(bruno, 'Un catalogo comune dei servizi digitali degli enti');
  await presenter.locator('.wall .wall-text', { hasText: 'Un catalogo comune' }).waitFor();
  assert.match(await presenter.locator('#present-timer').textContent(), /Tempo rimasto 4:5[0-7]/);
  await noControls(presenter, 'collect');
  await checkAccessibility(presenter, 'the presenter, collect');
  await screenshot(presenter, 'presenter-collect-1920');

  // The board: the same groups as the facilitator's, as columns.
  await fac.getByLabel('Fase').selectOption('cluster');
  await fac.getByRole('button', { name: 'Raggruppa i contributi' }).click();
  await fac.locator('#cluster-status', { hasText: 'gruppi' }).waitFor();
  await presenter.locator('#present-view[data-screen="board"] .board-column').first().waitFor();
  const facTitles = await fac.locator('#groups-list .group h3').allTextContents();
  assert.deepEqual(await presenter.locator('.board-column .column-title').allTextContents(), facTitles);
  assert.equal(await presenter.getByText(texts[2]).count(), 0, 'the hidden one stays off the board');
  for (const text of [texts[0], texts[1], texts[3], texts[4]]) assert.equal(await presenter.locator('.column-text', { hasText: text }).count(), 1, text);
  assert.equal(await presenter.locator('.column-author').count(), 0);
  await noControls(presenter, 'cluster');
  await checkAccessibility(presenter, 'the presenter, cluster');
  await screenshot(presenter, 'presenter-cluster-1920');

  // The vote: the results, live.
  await fac.getByLabel('Fase').selectOption('vote');
  await presenter.locator('#present-view[data-screen="results"] .result-group').first().waitFor();
  await anna.locator('.cards li', { hasText: texts[1] }).getByRole('button', { name: /^Sostieni/ }).click();
  const item = presenter.locator('.result-item', { hasText: texts[1] });
  await item.locator('.result-figure', { hasText: /^1 sostegno$/ }).waitFor();
  await bruno.locator('.cards li', { hasText: texts[1] }).getByRole('button', { name: /^Sostieni/ }).click();
  await item.locator('.result-figure', { hasText: /^2 sostegni$/ }).waitFor();
  const leader = presenter.locator('.result-group').first();
  await leader.locator('.result-text', { hasText: texts[1] }).waitFor();
  // The facilitator switches to English: the screen follows.
  await fac.getByRole('button', { name: 'English' }).click();
  await presenter.getByRole('heading', { name: 'Voting results' }).waitFor();
  await item.locator('.result-figure', { hasText: /^2 supports$/ }).waitFor();
  await fac.getByRole('button', { name: 'Italiano' }).click();
  await presenter.getByRole('heading', { name: 'Risultati del voto' }).waitFor();
  await noControls(presenter, 'vote');
  await checkAccessibility(presenter, 'the presenter, vote');
  await screenshot(presenter, 'presenter-vote-1920');

  // Closed.
  await fac.getByLabel('Fase').selectOption('closed');
  await presenter.getByRole('heading', { name: 'Grazie per aver partecipato!' }).waitFor();
  await presenter.locator('.present-figures', { hasText: '2 sostegni' }).waitFor();
  await noControls(presenter, 'closed');
  await checkAccessibility(presenter, 'the presenter, closed');
  await screenshot(presenter, 'presenter-closed-1920');

  // A reload keeps the screen (the secret stays in its tab), and the
  // facilitator's own page is still the facilitator's.
  await presenter.reload();
  await presenter.locator('#present-view[data-screen="closed"]').waitFor();
  await fac.reload();
  await fac.locator('#meeting-you', { hasText: 'Fabia' }).waitFor();
  await fac.locator('#meeting-role', { hasText: 'Facilitatore' }).waitFor();
});

test('a participant cannot open the presenter screen', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1280, height: 800 } });
  await joinAs(context, env.server, { name: 'Carla', organization: 'Comune di Taranto' });
  for (const hash of [`#/present/${env.server.joinCode}`, `#/present/${env.server.joinCode}/not-the-secret`]) {
    const page = await context.newPage();
    await page.goto(`${env.server.url}${hash}`);
    await page.getByRole('heading', { name: "Lo schermo di presentazione è per chi conduce l'incontro" }).waitFor();
    await page.getByText('Si apre dalla pagina del facilitatore').waitFor();
    assert.equal(await page.locator('.wall, .board-columns, .results-list, .present-code').count(), 0, hash);
    assert.equal(await page.locator('#meeting-view').isVisible(), false);
    await checkAccessibility(page, 'the presenter screen refused');
    await screenshot(page, 'presenter-refused-1280');
    // The way in for a participant is offered: Carla is back in the meeting.
    await page.getByRole('link', { name: "Per partecipare all'incontro, entra da qui" }).click();
    await page.locator('#meeting-you', { hasText: 'Carla' }).waitFor();
    await page.close();
  }
  // Typed into the address bar of the meeting's own tab, too.
  const page = await context.newPage();
  await page.goto(`${env.server.url}#/join/${env.server.joinCode}`);
  await page.locator('#meeting-you', { hasText: 'Carla' }).waitFor();
  await page.evaluate((code) => { location.hash = `#/present/${code}`; }, env.server.joinCode);
  await page.getByRole('heading', { name: "Lo schermo di presentazione è per chi conduce l'incontro" }).waitFor();
  assert.equal(await page.locator('#meeting-view').isVisible(), false);
});
