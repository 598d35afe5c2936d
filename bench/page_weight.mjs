// How many bytes the pages cost over the network, in Debian's Chromium
// (headless, through playwright-core, as the browser tests run it) against
// the real tavolo binary on a loopback port with a fresh data directory:
//
//   participant first visit  open #/join/CODE, join the demo meeting, wait for the board
//   participant reload       the same page reloaded (warm cache), join again, the board
//   coordinator first visit  the sign-in page, sign in, the communities view
//
// A figure is the sum of Network.loadingFinished's encodedDataLength (bytes on
// the wire: headers and the body as sent, compressed or not) over every
// request of the step, HTTP only (the meeting's WebSocket is not a page cost).
// A benchmark, not a test: it prints its figures, the targets of issue 18
// beside them, and never fails on a figure.
//
//   TAVOLO_BINARY=build/release/tavolo node bench/page_weight.mjs [--json] [--by-file] [--web-root DIR]
//
// The binary serves the pages of the source tree it was built from, or those
// under --web-root: the "before" figures of docs/benchmarks.md are an older
// binary serving the pages of its own commit.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cleanup, launchBrowser, startServer, tempDir } from '../tests/browser/support.mjs';

const json = process.argv.includes('--json');
const webRootAt = process.argv.indexOf('--web-root');
const webRoot = webRootAt > 0 ? process.argv[webRootAt + 1] : null;
const byFile = process.argv.includes('--by-file');
const targets = { participant_first: 250 * 1024, participant_reload: 30 * 1024, coordinator_first: 400 * 1024 };

// Counts the bytes of every request the page makes until stop().
async function meter(context, page) {
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  const urls = new Map();
  const files = [];
  cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
  cdp.on('Network.responseReceived', (e) => {
    const entry = urls.get(e.requestId);
    if (typeof entry === 'string') urls.set(e.requestId, { url: entry, status: e.response.status, encoding: e.response.headers['content-encoding'] || e.response.headers['Content-Encoding'] || '' });
  });
  cdp.on('Network.loadingFinished', (e) => {
    const r = urls.get(e.requestId);
    const info = typeof r === 'string' ? { url: r, status: 0, encoding: '' } : r;
    if (info) files.push({ ...info, bytes: e.encodedDataLength });
  });
  return {
    reset() { files.length = 0; },
    take() {
      const out = files.splice(0);
      return { bytes: out.reduce((n, f) => n + f.bytes, 0), requests: out.length, files: out };
    },
  };
}

// Lets the page finish what it fetches after the view shows (fonts, lazy modules).
async function settle(page) {
  await page.waitForLoadState('networkidle');
  await page.waitForTimeout(300);
}

async function participant(browser, server) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const m = await meter(context, page);
  await page.goto(`${server.url}#/join/${server.joinCode}`);
  await page.getByLabel('Il tuo nome').fill('Anna');
  await page.getByLabel('Il tuo ente').fill('Comune di Lecce');
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.locator('#meeting-view').waitFor({ state: 'visible' });
  await page.locator('#board').waitFor({ state: 'visible' });
  await settle(page);
  const first = m.take();
  await page.reload();
  // The page may join again by itself (the profile is remembered) or ask.
  await page.locator('#meeting-view:visible, #join-submit:visible').first().waitFor();
  if (await page.locator('#join-submit').isVisible()) await page.locator('#join-submit').click();
  await page.locator('#board').waitFor({ state: 'visible' });
  await settle(page);
  const reload = m.take();
  await context.close();
  return { first, reload };
}

async function coordinator(browser, server, password) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const m = await meter(context, page);
  await page.goto(`${server.url}coordinator.html`);
  await page.getByLabel('Nome').fill('Bench');
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('heading', { name: 'Comunità Tematiche' }).waitFor();
  await settle(page);
  const first = m.take();
  await context.close();
  return first;
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;

const dataDir = tempDir('tavolo-page-weight-');
const out = execFileSync(process.env.TAVOLO_BINARY, ['coordinator', 'add', 'Bench', '--data', dataDir], { encoding: 'utf8' });
const password = out.trim().split(': ').pop();
let extraArgs = [];
if (webRoot) {
  writeFileSync(join(dataDir, 'bench.json'), JSON.stringify({ web_root: webRoot }));
  extraArgs = ['--config', join(dataDir, 'bench.json')];
}
const server = await startServer({ dataDir, extraArgs });
const browser = await launchBrowser();
let rows;
try {
  const p = await participant(browser, server);
  const c = await coordinator(browser, server, password);
  rows = { participant_first: p.first, participant_reload: p.reload, coordinator_first: c };
} finally {
  await browser.close();
  await server.kill();
  cleanup(dataDir);
}

const binary = process.env.TAVOLO_BINARY;
if (json) {
  console.log(JSON.stringify({
    binary,
    web_root: webRoot,
    ...Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, { bytes: v.bytes, requests: v.requests, target: targets[k] }])),
  }));
} else {
  console.log(`page weight, ${binary}${webRoot ? ` serving ${webRoot}` : ''} (node bench/page_weight.mjs)`);
  console.log(`${'step'.padEnd(22)} ${'transferred'.padStart(12)} ${'requests'.padStart(9)} ${'target'.padStart(10)}`);
  for (const [k, v] of Object.entries(rows)) {
    const ok = v.bytes <= targets[k] ? 'ok' : 'OVER';
    console.log(`${k.padEnd(22)} ${kb(v.bytes).padStart(12)} ${String(v.requests).padStart(9)} ${(`≤ ${kb(targets[k])}`).padStart(10)}  ${ok}`);
  }
}
if (byFile) {
  for (const [k, v] of Object.entries(rows)) {
    console.log(`\n${k}:`);
    for (const f of v.files.sort((a, b) => b.bytes - a.bytes)) {
      console.log(`  ${kb(f.bytes).padStart(10)}  ${String(f.status).padStart(3)} ${(f.encoding || '-').padEnd(5)} ${new URL(f.url).pathname}`);
    }
  }
}
