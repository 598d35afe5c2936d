// Shared by the browser tests: starts the real tavolo binary on a loopback
// port with a fresh data directory, and launches Debian's Chromium headless
// through playwright-core (which never downloads a browser of its own).
import { execFileSync, spawn } from 'node:child_process';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { chromium } from 'playwright-core';

const binary = process.env.TAVOLO_BINARY;
if (!binary) throw new Error('TAVOLO_BINARY must name the tavolo executable (ctest sets it)');

export function tempDir(prefix = 'tavolo-browser-') {
  return mkdtempSync(join(tmpdir(), prefix));
}

// Every server still running when the test process ends is killed, so a
// failed test never leaves one behind (nor keeps the runner waiting).
const children = new Set();
process.on('exit', () => { for (const c of children) c.kill('SIGKILL'); });

// Starts tavolo; resolves once it logs the URL it listens on. With
// `fileSizeLimit` (bytes), no file of the server may grow past it: writes
// beyond fail as on a full disk. `extraArgs` go to `tavolo serve` (a --config, say).
export function startServer({ dataDir, port = 0, fileSizeLimit = 0, extraArgs = [] } = {}) {
  dataDir ??= tempDir();
  const args = ['serve', '--port', String(port), '--data', dataDir, ...extraArgs];
  const child = fileSizeLimit
    ? spawn('prlimit', [`--fsize=${fileSizeLimit}:${fileSizeLimit}`, '--', binary, ...args], {
      stdio: ['ignore', 'ignore', 'pipe'],
    })
    : spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines = createInterface({ input: child.stderr });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('tavolo did not start in 10 s')), 10000);
    child.once('exit', (code) => reject(new Error(`tavolo exited with ${code}`)));
    lines.on('line', (line) => {
      let entry;
      try { entry = JSON.parse(line); } catch { return; }
      if (entry.event !== 'listening') return;
      clearTimeout(timer);
      const access = JSON.parse(readFileSync(join(dataDir, 'demo-access.json'), 'utf8'));
      resolve({
        url: `http://127.0.0.1:${entry.port}/`,
        port: entry.port,
        dataDir,
        joinCode: access.join_code,
        facilitatorSecret: access.facilitator_secret,
        kill(signal = 'SIGKILL') {
          return new Promise((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill(signal);
          });
        },
      });
    });
  });
}

// playwright-core gives every launch a fresh, empty user data directory of
// its own (it refuses a --user-data-dir flag), so no state leaks between runs.
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run',
      '--disable-quic',
    ],
  });
}

// Opens the page, joins the demo meeting, and waits for the board.
export async function joinAs(context, server, { name, organization }) {
  const page = await context.newPage();
  await page.goto(`${server.url}#/join/${server.joinCode}`);
  await page.getByLabel("Il tuo nome").fill(name);
  await page.getByLabel('Il tuo ente').fill(organization);
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.locator('#meeting-view').waitFor({ state: 'visible' });
  return page;
}

export function cleanup(dir) {
  rmSync(dir, { recursive: true, force: true });
}

// One server and one browser for a test file, started before its tests and
// stopped after them; the returned object holds them once started.
export function serverAndBrowserPerFile({ before, after }) {
  const env = {};
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.kill();
    if (env.server) cleanup(env.server.dataDir);
  });
  return env;
}

// Opens the facilitator link and joins as facilitator.
export async function facilitate(context, server, name = 'Fabia') {
  const page = await context.newPage();
  await page.goto(`${server.url}#/facilitate/${server.joinCode}/${server.facilitatorSecret}`);
  await page.getByLabel('Il tuo nome').fill(name);
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.locator('#meeting-role', { hasText: 'Facilitatore' }).waitFor();
  return page;
}

// axe-core, run in the page, with the WCAG 2.1 A and AA rules: no serious or
// critical violation is allowed. `what` names the view in the message.
const axeSource = readFileSync(new URL('./node_modules/axe-core/axe.min.js', import.meta.url), 'utf8');
export async function checkAccessibility(page, what) {
  if (!(await page.evaluate(() => typeof window.axe !== 'undefined'))) await page.evaluate(axeSource);
  const result = await page.evaluate(() => window.axe.run(document, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
  }));
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 5).map((n) => n.target.join(' ')).join(' | ')}`);
  assert.deepEqual(bad, [], `accessibility of ${what}`);
  await checkFieldsLookLikeFields(page, what);
}

// Every visible text control (inputs people type in, text areas, selects)
// shows the kit's field border, so nobody has to guess where to type: an
// input without a type the kit styles has no border at all.
export async function checkFieldsLookLikeFields(page, what) {
  const bare = await page.evaluate(() => {
    const notTyped = new Set(['checkbox', 'radio', 'file', 'hidden', 'range', 'color', 'submit', 'button', 'reset', 'image']);
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      const st = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && st.visibility !== 'hidden';
    };
    const borderOf = (el) => {
      const st = getComputedStyle(el);
      return ['Top', 'Right', 'Bottom', 'Left'].some((side) =>
        parseFloat(st[`border${side}Width`]) >= 1 && st[`border${side}Style`] !== 'none'
        && !/rgba\(.*,\s*0\)$/.test(st[`border${side}Color`]));
    };
    return [...document.querySelectorAll('input, textarea, select')]
      .filter((el) => !notTyped.has((el.getAttribute('type') || 'text').toLowerCase()) && shown(el))
      .filter((el) => !borderOf(el))
      .map((el) => el.id || el.name || el.getAttribute('aria-label') || el.outerHTML.slice(0, 80));
  });
  assert.deepEqual(bare, [], `text controls without a visible border in ${what}`);
}

// A full-page screenshot kept as a test artifact in tests/browser/test-results.
const shots = new URL('./test-results/', import.meta.url);
export async function screenshot(page, name) {
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: new URL(`${name}.png`, shots).pathname, fullPage: true });
}

// The resource whose version a PATCH or PUT of `path` changes (If-Match):
// a working group's is its objective's.
const versionedPath = (path) => path.replace(/\/working-group$/, '');

// A server whose store has a coordinator account, and a browser, for a test
// file: `env.password` is the account's one-time password.
// The coordinator REST API as a test calls it: JSON in and out, the session
// cookie kept in `env.cookie` once signed in; any status from 300 fails.
export function apiAs(env) {
  const call = async (method, path, body) => {
    // An edit names the version it changes, as the pages do: read it first.
    const ifMatch = method === 'PATCH' || (method === 'PUT' && /\/(working-group|people)$/.test(path))
      ? { 'if-match': (await raw('GET', versionedPath(path))).headers.get('etag') } : {};
    const res = await raw(method, path, body, ifMatch);
    const json = await res.json();
    if (res.headers.get('set-cookie')) env.cookie = res.headers.get('set-cookie').split(';')[0];
    assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };
  const raw = (method, path, body, extra = {}) => fetch(new URL(path, env.server.url), {
    method,
    // As tavolo's own page sends it: the API refuses changes from other origins.
    headers: {
      'content-type': 'application/json', origin: new URL(env.server.url).origin,
      ...(env.cookie ? { cookie: env.cookie } : {}), ...extra,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return call;
}

// Opens the coordinator area in `page` and signs `name` in (by default the
// file's coordinator, `env.password`); resolves once the home list shows.
export async function signInCoordinator(page, env, name, password = env.password) {
  await page.goto(`${env.server.url}coordinator.html`);
  await page.getByLabel('Nome').fill(name);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Accedi' }).click();
  await page.getByRole('heading', { name: 'Comunità Tematiche' }).waitFor();
}

export function serverWithCoordinatorPerFile({ before, after }, name) {
  const env = {};
  before(async () => {
    env.dataDir = tempDir();
    const out = execFileSync(binary, ['coordinator', 'add', name, '--data', env.dataDir], { encoding: 'utf8' });
    env.password = out.trim().split(': ').pop();
    env.server = await startServer({ dataDir: env.dataDir });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.kill();
    if (env.dataDir) cleanup(env.dataDir);
  });
  return env;
}
