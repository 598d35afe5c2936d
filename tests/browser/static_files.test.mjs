// What the pages download: a participant never fetches the staff-only
// libraries (SortableJS, qrcode, Chart.js), which load when staff need them;
// the page comes compressed and a reload costs revalidations, not bytes; every
// versioned vendor URL the pages name exists.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { facilitate, serverWithCoordinatorPerFile, signInCoordinator } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Mara Conti');
const staffOnly = /sortable|qrcode|chart/i;

// Every request the context's pages make, by path.
function requested(context) {
  const paths = [];
  context.on('request', (req) => {
    const url = new URL(req.url());
    if (url.protocol.startsWith('http')) paths.push(url.pathname);
  });
  return paths;
}

// Every HTTP response a page gets, as Chromium saw it, through the DevTools
// protocol: `bytes` is what came over the network for it (headers and body as
// sent; 0 when Chromium's cache answered without asking).
async function responses(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const seen = [];
  const byId = new Map();
  cdp.on('Network.responseReceived', (e) => {
    const url = new URL(e.response.url);
    if (!url.protocol.startsWith('http')) return;
    const headers = Object.fromEntries(Object.entries(e.response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const r = { path: url.pathname, status: e.response.status, encoding: headers['content-encoding'] ?? '', bytes: null };
    byId.set(e.requestId, r);
    seen.push(r);
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = byId.get(e.requestId);
    if (r) r.bytes = e.encodedDataLength;
  });
  return seen;
}

test('a participant loads no staff library, gets gzip, and a reload costs no bodies', async () => {
  const context = await env.browser.newContext();
  const paths = requested(context);
  const page = await context.newPage();
  const seen = await responses(context, page);
  await page.goto(`${env.server.url}#/join/${env.server.joinCode}`);
  await page.getByLabel('Il tuo nome').fill('Anna');
  await page.getByLabel('Il tuo ente').fill('Comune di Lecce');
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.locator('#board').waitFor({ state: 'visible' });
  await page.waitForLoadState('networkidle');
  assert.deepEqual(paths.filter((p) => staffOnly.test(p)), [], `a participant fetched ${paths.join(', ')}`);
  const css = seen.find((r) => r.path.endsWith('/bootstrap-italia.min.css'));
  assert.equal(css?.encoding, 'gzip', 'the design kit CSS comes compressed');
  assert.equal(seen.find((r) => r.path === '/js/app.js')?.encoding, 'gzip');

  // Reloading: versioned vendor files come from the cache without asking (no
  // byte), the page's own files are revalidated: a 304 of headers only.
  seen.length = 0;
  await page.reload();
  await page.locator('#meeting-view:visible, #join-submit:visible').first().waitFor();
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(200);
  const again = seen.filter((r) => !r.path.startsWith('/api/'));
  assert.ok(again.length > 5, JSON.stringify(again));
  for (const r of again) {
    if (r.path.startsWith('/vendor/')) assert.equal(r.bytes, 0, `${r.path} not from the cache: ${JSON.stringify(r)}`);
    else assert.ok(r.bytes !== null && r.bytes < 1024, `${r.path} sent again: ${JSON.stringify(r)}`);
  }
  assert.ok(again.some((r) => r.status === 304), 'the app\'s files are revalidated');
  assert.deepEqual(paths.filter((p) => staffOnly.test(p)), []);
  await context.close();
});

test('staff get the QR code and the drag and drop library when they need them', async () => {
  const context = await env.browser.newContext();
  const paths = requested(context);
  const fac = await facilitate(context, env.server);
  await fac.getByText('Invita i partecipanti').click();
  // The QR code is drawn once its library has loaded.
  await fac.locator('#invite-qr path').waitFor({ state: 'attached' });
  assert.ok((await fac.locator('#invite-qr path').getAttribute('d')).length > 100);
  assert.ok(paths.some((p) => /\/vendor\/qrcode-generator@[^/]+\/qrcode\.mjs$/.test(p)));
  assert.ok(!paths.some((p) => /chart/i.test(p)), 'the meeting page never loads Chart.js');
  await context.close();
});

test('the coordinator area loads Chart.js for the system plan only', async () => {
  const context = await env.browser.newContext();
  const paths = requested(context);
  const page = await context.newPage();
  await signInCoordinator(page, env, 'Mara Conti');
  await page.waitForLoadState('networkidle');
  assert.deepEqual(paths.filter((p) => staffOnly.test(p)), []);
  await page.goto(`${env.server.url}coordinator.html#/system/2026`);
  await page.locator('#wg-chart').waitFor();
  await page.waitForFunction(() => globalThis.Chart?.getChart(document.getElementById('wg-chart')) !== undefined);
  assert.ok(paths.some((p) => /\/vendor\/chart\.js@[^/]+\/chart\.umd\.min\.js$/.test(p)));
  await context.close();
});

test('every vendor URL the pages name is a file scripts/vendor made', () => {
  const web = new URL('../../client-web/', import.meta.url);
  const sources = ['index.html', 'coordinator.html', 'css/app.css', 'css/coordinator.css',
    ...readdirSync(new URL('js/', web), { recursive: true }).filter((f) => f.endsWith('.js')).map((f) => `js/${f}`)];
  const refs = new Set();
  for (const s of sources) {
    if (!existsSync(new URL(s, web))) continue;
    for (const m of readFileSync(new URL(s, web), 'utf8').matchAll(/\/vendor\/[^"')\s?#]+/g)) refs.add(m[0]);
  }
  assert.ok(refs.size >= 8, [...refs].join(', '));
  for (const ref of refs) {
    assert.match(ref, /^\/vendor\/[^/@]+@\d[^/]*\//, `${ref} names no version`);
    assert.ok(existsSync(new URL(`.${ref}`, web)), `${ref} is missing: run scripts/vendor`);
  }
});
