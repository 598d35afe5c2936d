// The printable plan and its published versions, as a coordinator uses them:
// a published version opens read-only in the coordinator area; the plan's
// HTML export, saved and opened from disk, carries its own styles for screen
// and print, its bullet lines as lists and its contributions open on paper;
// served by tavolo, the same page keeps its styles under the site's CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { checkAccessibility, cleanup, screenshot, serverWithCoordinatorPerFile, tempDir, signInCoordinator } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Mara Conti');
const slug = 'ct-sanita-digitale';
const community = 'Comunità Tematica Sanità Digitale e Servizi Socio-Sanitari';
const plan = `api/v1/communities/${slug}/plans/2026`;

async function signIn() {
  const page = await (await env.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
  await signInCoordinator(page, env, 'Mara Conti');
  return page;
}

// Version 2 of the demo's published 2026 plan: an objective whose text has
// bullet lines, and a new one approved before its deliverable is defined.
async function publishSecondVersion(page) {
  // With the Origin the page's own fetch sends: the API refuses changes without it.
  const origin = { origin: new URL(env.server.url).origin };
  const api = async (method, path, data) => {
    // An edit names the version it changes (If-Match), read just before.
    const headers = method === 'PATCH'
      ? { ...origin, 'if-match': (await page.request.fetch(`${env.server.url}${path}`)).headers().etag } : origin;
    const r = await page.request.fetch(`${env.server.url}${path}`, { method, data, headers });
    assert.ok(r.ok(), `${method} ${path}: ${r.status()} ${await r.text()}`);
    return r.json();
  };
  const { objectives } = await api('GET', `api/v1/communities/${slug}/objectives?year=2026`);
  const first = objectives.find((o) => o.status === 'approved');
  await api('PATCH', `api/v1/objectives/${first.id}`, {
    description: 'Requisiti minimi condivisi:\n- anagrafica unica dell\'utente\n* storia degli interventi\n• accessi per ruolo <riservati>',
  });
  const { objective } = await api('POST', `api/v1/communities/${slug}/objectives`, { title: 'Sportello sociale unico', year: 2026 });
  await api('POST', `api/v1/objectives/${objective.id}/approve`);
  await api('POST', plan);
  await api('POST', `${plan}/publish`);
  return first;
}

test('a published plan version opens read-only; its HTML export prints from disk', async () => {
  const coord = await signIn();
  const changed = await publishSecondVersion(coord);

  // The plan lists its versions; a published one opens to be read.
  await coord.goto(`${env.server.url}coordinator.html#/plan/${slug}/2026`);
  await coord.getByText('Versione 2, pubblicata il').first().waitFor();
  const versions = coord.locator('#plan-versions li');
  assert.equal(await versions.count(), 2);
  // Dates in words, as on the meeting page: "pubblicata il 30 novembre 2026".
  assert.match(await versions.nth(0).textContent(), /^Versione 2, pubblicata il \d{1,2} [a-z]+ \d{4}$/);
  await coord.getByRole('link', { name: 'Versione 1', exact: true }).click();
  await coord.getByRole('heading', { name: `Piano di attività 2026 — ${community}, versione 1`, level: 1 }).waitFor();
  await coord.getByText('Versione pubblicata: in sola lettura').waitFor();
  // Its objectives as they were published: not the later text, not the later objective.
  await coord.getByRole('heading', { name: changed.title, level: 3 }).waitFor();
  assert.equal(await coord.getByText('anagrafica unica').count(), 0);
  assert.equal(await coord.getByText('Sportello sociale unico').count(), 0);
  // Nothing to change: no button, no field in the view; only links.
  assert.equal(await coord.locator('#view').locator('button, input, select, textarea').count(), 0);
  assert.equal(await coord.locator('#view').getByRole('link', { name: 'HTML' }).count(), 2);
  await checkAccessibility(coord, 'coordinator published plan version');
  await screenshot(coord, 'coordinator-plan-version');

  // Version 2: the objective approved with no deliverable says so.
  await coord.getByRole('link', { name: /^Torna al piano 2026/ }).click();
  await coord.getByRole('link', { name: 'Versione 2', exact: true }).click();
  const added = coord.locator('.plan-doc > li', { hasText: 'Sportello sociale unico' });
  assert.equal(await added.locator('dt:text-is("Prodotto") + dd').textContent(), 'Da definire');

  // The HTML export, downloaded: its own style sheet, no link to one.
  const res = await coord.request.get(`${env.server.url}${plan}/versions/2?format=html&download=1`);
  assert.equal(res.status(), 200);
  const html = await res.text();
  assert.match(html, /<style>[^<]*@media print[^<]*<\/style>/);
  assert.doesNotMatch(html, /<link/);
  const policy = res.headers()['content-security-policy'];
  assert.match(policy, /style-src 'sha256-[A-Za-z0-9+/]+=*'/);
  assert.doesNotMatch(policy, /unsafe-inline|script-src/);

  // Opened from disk at 1280 px: styled, lists, contributions open.
  const dir = tempDir('tavolo-plan-');
  try {
    const file = join(dir, 'piano.html');
    writeFileSync(file, html);
    const page = await (await env.browser.newContext({ viewport: { width: 1280, height: 800 } })).newPage();
    await page.goto(pathToFileURL(file).href);
    const look = () => page.evaluate(() => {
      const details = [...document.querySelectorAll('details')];
      return {
        mainWidth: getComputedStyle(document.querySelector('main')).maxWidth,
        font: getComputedStyle(document.body).fontFamily,
        detailsOpen: details.length > 0 && details.every((d) => d.open),
        contributionsShown: details.every((d) => d.querySelector('ul').getBoundingClientRect().height > 0),
      };
    });
    const screen = await look();
    assert.equal(screen.mainWidth, '960px'); // the page's own sheet applies
    assert.match(screen.font, /Titillium Web/);
    assert.ok(screen.detailsOpen && screen.contributionsShown, 'the contributions are shown');
    const items = await page.locator('article', { hasText: changed.title }).locator('> ul > li').allTextContents();
    assert.deepEqual(items, ['anagrafica unica dell\'utente', 'storia degli interventi', 'accessi per ruolo <riservati>']);
    await page.getByText('Versione 2, pubblicata').waitFor();
    await page.locator('dd', { hasText: 'da definire' }).waitFor();
    await checkAccessibility(page, 'the exported plan opened from disk');
    await screenshot(page, 'plan-export-file-1280px');

    // As printed: the print styles apply and the contributions are on paper.
    await page.emulateMedia({ media: 'print' });
    const paper = await look();
    assert.equal(paper.mainWidth, 'none');
    assert.ok(paper.detailsOpen && paper.contributionsShown, 'the contributions are printed');
    await screenshot(page, 'plan-export-file-print');
  } finally {
    cleanup(dir);
  }

  // Served by tavolo to anyone: the site's CSP lets in exactly that sheet.
  const visitor = await (await env.browser.newContext()).newPage();
  const refused = [];
  visitor.on('console', (m) => { if (/Content Security Policy/i.test(m.text())) refused.push(m.text()); });
  await visitor.goto(`${env.server.url}api/v1/public/communities/${slug}/plans/2026?format=html`);
  await visitor.getByText('Versione 2, pubblicata').waitFor();
  assert.equal(await visitor.evaluate(() => getComputedStyle(document.querySelector('main')).maxWidth), '960px');
  assert.deepEqual(refused, []);
});
