// The presenter's screen with a meeting's worth of long contributions: the
// wall, the board and the results still fit a 1920×1080 screen, in large
// type, saying how many more there are rather than scrolling.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { facilitate, joinAs, screenshot, serverAndBrowserPerFile } from './support.mjs';

const env = serverAndBrowserPerFile({ before, after });

const topics = [
  'la telemedicina per i pazienti cronici che vivono nelle zone di montagna e nelle aree interne',
  'i referti digitali che i medici di base non ricevono ancora dagli ospedali della provincia',
  'il fascicolo sanitario elettronico, poco conosciuto e poco usato dai cittadini anziani',
  'i laboratori informatici delle scuole medie, vecchi, lenti e senza assistenza tecnica',
  'la formazione degli insegnanti sulla didattica con gli strumenti digitali in classe',
  'il registro elettronico e le comunicazioni tra scuola e famiglia in una sola applicazione',
  'i servizi anagrafici online dei comuni piccoli, che non hanno personale dedicato',
  'i pagamenti elettronici con pagoPA per le mense scolastiche e i trasporti',
  'la connessione in banda ultralarga nelle frazioni e nelle zone industriali',
];
const texts = topics.flatMap((topic, i) => [
  `Serve un piano comune per ${topic}: oggi ogni ente procede da solo, con costi doppi e risultati diversi da un territorio all'altro (${i + 1}a).`,
  `Proponiamo un gruppo di lavoro su ${topic}, con una raccolta delle buone pratiche già avviate dagli enti della Comunità (${i + 1}b).`,
]);

async function fits(page, what) {
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  assert.ok(height <= 1080, `the presenter's screen fits 1080 pixels, ${what}: ${height}`);
}

test('a full meeting still fits the presenter screen', async () => {
  const context = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const fac = await facilitate(context, env.server);
  const [presenter] = await Promise.all([context.waitForEvent('page'), fac.getByRole('link', { name: 'Schermo di presentazione' }).click()]);
  await fac.getByLabel('Fase').selectOption('collect');
  const anna = await joinAs(await env.browser.newContext(), env.server, { name: 'Anna', organization: 'Comune di Lecce' });
  for (const text of texts) {
    await anna.getByLabel('Testo').fill(text);
    await anna.getByRole('button', { name: 'Invia' }).click();
    await anna.locator('.cards li .text', { hasText: text }).waitFor();
  }
  // The newest nine, and a word for the rest.
  await presenter.locator('.wall .wall-text', { hasText: texts.at(-1) }).waitFor();
  assert.equal(await presenter.locator('.wall .wall-card').count(), 9);
  await presenter.getByText(`e altri ${texts.length - 9} contributi`).waitFor();
  await fits(presenter, 'a full wall');
  await screenshot(presenter, 'presenter-collect-full-1920');

  await fac.getByLabel('Fase').selectOption('cluster');
  await fac.getByRole('button', { name: 'Raggruppa i contributi' }).click();
  await fac.locator('#cluster-status', { hasText: 'gruppi' }).waitFor();
  const groups = await fac.locator('#groups-list .group').count();
  await presenter.locator('.board-column').nth(groups - 1).waitFor();
  await screenshot(presenter, 'presenter-cluster-full-1920');
  await fits(presenter, `a board of ${groups} groups`);

  await fac.getByLabel('Fase').selectOption('vote');
  for (const text of texts.slice(0, 5)) {
    await anna.locator('.cards li', { hasText: text }).getByRole('button', { name: /^Sostieni/ }).click();
  }
  await presenter.locator('.result-group .result-figure', { hasText: /sostegn/ }).first().waitFor();
  await presenter.locator('.present-results .result-head .result-figure').evaluateAll((figures) => figures.length > 0);
  await screenshot(presenter, 'presenter-vote-full-1920');
  await fits(presenter, 'the results');
  await screenshot(presenter, 'presenter-vote-full-1920');
});
