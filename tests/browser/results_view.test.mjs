// The vote's results in real Chromium (issue 18, item 2): in `vote` and
// `plan` everyone sees groups and contributions ranked by supports, with
// bars, updated live as participants support; a participant sees their own
// supports apart from the total. At 1280×800 and on a 360×740 phone.
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
  'Registro elettronico e comunicazioni scuola-famiglia in una sola app',
];

const phone = { viewport: { width: 360, height: 740 }, isMobile: true, hasTouch: true };
const desk = { viewport: { width: 1280, height: 800 } };

// The results as a person reads them: each group's title and figure, in order.
const ranking = (page) => page.locator('#results-view .result-group').evaluateAll((items) => items.map((li) => [
  li.querySelector('.result-title').textContent, li.querySelector('.result-head .result-figure').firstChild.textContent]));
const resultOf = (page, text) => page.locator('#results-view .result-item', { hasText: text });
const support = (page, text) => page.locator('.cards li', { hasText: text }).getByRole('button', { name: /^Sostieni/ }).click();

test('everyone sees the ranking live; a participant sees their own supports apart', async () => {
  const fac = await facilitate(await env.browser.newContext(desk), env.server);
  const anna = await joinAs(await env.browser.newContext(desk), env.server, { name: 'Anna', organization: 'Comune di Lecce' });
  const bruno = await joinAs(await env.browser.newContext(phone), env.server, { name: 'Bruno', organization: 'ASL Bari' });
  for (const [i, text] of texts.entries()) {
    const page = i % 2 ? bruno : anna;
    await page.getByLabel('Testo').fill(text);
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.locator('.cards li .text', { hasText: text }).waitFor();
  }
  // No results while collecting.
  assert.equal(await anna.locator('#results-view').isVisible(), false);

  await fac.getByLabel('Fase').selectOption('cluster');
  await fac.getByRole('button', { name: 'Raggruppa i contributi' }).click();
  await fac.locator('#cluster-status', { hasText: 'gruppi' }).waitFor();
  await fac.getByLabel('Fase').selectOption('vote');
  for (const page of [fac, anna, bruno]) await page.locator('#results-view').waitFor();
  const groups = await fac.locator('#groups-list .group').count();
  assert.equal(await anna.locator('#results-view .result-group').count(), groups);
  // Every contribution is in the results once, with its figure.
  for (const text of texts) assert.equal(await resultOf(bruno, text).count(), 1, text);
  assert.equal(await resultOf(bruno, texts[0]).locator('.result-figure').textContent(), '0 sostegni');

  // Anna supports the telemedicine text: her page says it is hers; Bruno's
  // and the facilitator's give the total only.
  await support(anna, texts[0]);
  await resultOf(anna, texts[0]).locator('.result-figure', { hasText: '1 sostegno, 1 tuo' }).waitFor();
  await resultOf(bruno, texts[0]).locator('.result-figure', { hasText: /^1 sostegno$/ }).waitFor();
  await resultOf(fac, texts[0]).locator('.result-figure', { hasText: /^1 sostegno$/ }).waitFor();
  await anna.locator('#results-mine-note').waitFor();
  assert.equal(await bruno.locator('#results-mine-note').isVisible(), false);
  // The health group leads, its bar full; Anna's part of it is drawn apart.
  const health = anna.locator('#results-view .result-group', { has: anna.locator('.result-text', { hasText: texts[0] }) });
  assert.equal(await anna.locator('#results-view .result-group').first().getAttribute('data-group'), await health.getAttribute('data-group'));
  await health.locator('.result-head .result-figure', { hasText: '1 sostegno, 1 tuo' }).waitFor();
  assert.equal(await health.locator(':scope > .result-bar .result-fill.mine').evaluate((el) => parseFloat(el.style.width)), 100);
  assert.equal(await bruno.locator('#results-view .result-group').first().locator(':scope > .result-bar .result-fill').evaluate((el) => parseFloat(el.style.width)), 100);
  assert.equal(await bruno.locator('#results-view .result-fill.mine').count(), 0);
  // The bars are drawn, not read: the figures are the text.
  assert.equal(await anna.locator('#results-view .result-bar').first().getAttribute('aria-hidden'), 'true');

  // Bruno supports both school texts: the school group overtakes, live, on
  // every page; Anna's own figures stay hers.
  await support(bruno, texts[3]);
  await support(bruno, texts[4]);
  const school = bruno.locator('#results-view .result-group', { has: bruno.locator('.result-text', { hasText: texts[3] }) });
  const schoolId = await school.getAttribute('data-group');
  assert.notEqual(schoolId, await health.getAttribute('data-group'), 'the clustering keeps health and school apart');
  for (const page of [anna, fac]) {
    await page.locator(`#results-view .result-group[data-group="${schoolId}"] .result-head .result-figure`, { hasText: /^2 sostegni/ }).waitFor();
    await page.locator('#results-view .result-group').first().and(page.locator(`[data-group="${schoolId}"]`)).waitFor();
  }
  await resultOf(bruno, texts[3]).locator('.result-figure', { hasText: '1 sostegno, 1 tuo' }).waitFor();
  await resultOf(anna, texts[3]).locator('.result-figure', { hasText: /^1 sostegno$/ }).waitFor();
  const ranked = await ranking(anna);
  assert.deepEqual(ranked.slice(0, 2).map(([, figure]) => figure), ['2 sostegni', '1 sostegno, 1 tuo']);
  // The leader's bar is full, the second's half as long.
  const widths = await anna.locator('#results-view .result-group > .result-bar').evaluateAll((bars) => bars.slice(0, 2).map(
    (bar) => [...bar.querySelectorAll('.result-fill')].reduce((sum, f) => sum + parseFloat(f.style.width), 0)));
  assert.deepEqual(widths, [100, 50]);

  for (const [page, what] of [[anna, 'participant, 1280×800'], [bruno, 'participant, 360×740'], [fac, 'facilitator']]) {
    await checkAccessibility(page, `the results, ${what}`);
  }
  for (const page of [anna, bruno, fac]) await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(anna, 'results-participant-1280');
  await screenshot(bruno, 'results-participant-360');
  await screenshot(fac, 'results-facilitator-1280');

  // Still there in `plan`, gone when collecting again.
  await fac.getByLabel('Fase').selectOption('plan');
  await anna.locator('#meeting-phase', { hasText: 'Piano' }).waitFor();
  await resultOf(anna, texts[0]).locator('.result-figure', { hasText: '1 sostegno, 1 tuo' }).waitFor();
  await fac.getByLabel('Fase').selectOption('collect');
  await anna.locator('#results-view').waitFor({ state: 'hidden' });
});
