// The accessibility statement and feedback address at the foot of every page
// (issue 22, point 6), in real Chromium: a server configured with the body's
// settings shows them on the meeting page (join form and meeting), the
// coordinator area's sign-in and the published plan's page, reachable from
// the keyboard, in Italian and English; the presenter's screen has no
// footer; a server without the settings shows no empty or dead link.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkAccessibility, cleanup, facilitate, launchBrowser, screenshot, startServer, tempDir,
} from './support.mjs';

const statement = 'https://form.agid.gov.it/view/esempio-tavolo';
const feedback = 'accessibilita@regione.example';
const body = 'Regione Esempio';

const env = {};
before(async () => {
  env.dir = tempDir();
  const config = join(env.dir, 'tavolo.json');
  writeFileSync(config, JSON.stringify({
    site: { body_name: body, accessibility_statement_url: statement, feedback_email: feedback },
  }));
  env.set = await startServer({ dataDir: join(env.dir, 'set'), extraArgs: ['--config', config] });
  env.bare = await startServer({ dataDir: join(env.dir, 'bare') });
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.set?.kill();
  await env.bare?.kill();
  if (env.dir) cleanup(env.dir);
});

// What the footer shows: the body's name and each link's text and address.
const footerOf = (page) => page.evaluate(() => {
  const footer = document.querySelector('footer');
  if (!footer || !footer.checkVisibility()) return null;
  return {
    body: footer.querySelector('.site-body')?.textContent ?? null,
    links: [...footer.querySelectorAll('a')].map((a) => ({ text: a.textContent.trim(), href: a.getAttribute('href') })),
  };
});

// Tabs forward from the top of the page until `name` has the focus.
async function tabTo(page, name) {
  await page.locator('body').focus();
  for (let i = 0; i < 40; i += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate(() => document.activeElement?.textContent?.trim()) === name) return;
  }
  assert.fail(`the keyboard never reaches "${name}"`);
}

async function expectFooter(page, what, first) {
  await page.locator('#a11y-feedback').waitFor();
  assert.deepEqual(await footerOf(page), {
    body,
    links: [
      first,
      { text: 'Dichiarazione di accessibilità', href: statement },
      { text: 'Segnala un problema di accessibilità', href: `mailto:${feedback}` },
    ],
  }, what);
  await tabTo(page, 'Dichiarazione di accessibilità');
  await tabTo(page, 'Segnala un problema di accessibilità');
  await checkAccessibility(page, what);
}

test('the meeting page shows the body, its accessibility statement and feedback address', async () => {
  for (const width of [360, 1280]) {
    const context = await env.browser.newContext({ viewport: { width, height: width === 360 ? 740 : 800 } });
    const page = await context.newPage();
    await page.goto(`${env.set.url}#/join/${env.set.joinCode}`);
    await expectFooter(page, `the join page's footer at ${width} px`, { text: 'Area coordinatori', href: '/coordinator.html' });
    await screenshot(page, `site-footer-join-${width}px`);
    await page.getByLabel('Il tuo nome').fill('Anna');
    await page.getByLabel('Il tuo ente').fill('Comune di Lecce');
    await page.getByRole('button', { name: 'Entra' }).click();
    await page.locator('#meeting-view').waitFor({ state: 'visible' });
    assert.equal((await footerOf(page)).links.length, 3, 'the footer stays in the meeting');
    await screenshot(page, `site-footer-meeting-${width}px`);
    // English: the same links, in its words.
    await page.locator('#lang-switch').click();
    assert.deepEqual((await footerOf(page)).links.slice(1).map((l) => l.text),
      ['Accessibility statement', 'Report an accessibility problem']);
    await page.locator('#lang-switch').click();
    await context.close();
  }
});

test('the coordinator area shows them from its sign-in page on', async () => {
  for (const width of [360, 1280]) {
    const context = await env.browser.newContext({ viewport: { width, height: width === 360 ? 740 : 800 } });
    const page = await context.newPage();
    await page.goto(`${env.set.url}coordinator.html`);
    await page.getByRole('button', { name: 'Accedi' }).waitFor();
    await expectFooter(page, `the coordinator sign-in's footer at ${width} px`, { text: 'Partecipa a un incontro', href: '/' });
    await screenshot(page, `site-footer-coordinator-${width}px`);
    await context.close();
  }
});

test('the published plan page has the same footer; the presenter screen has none', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  await page.goto(`${env.set.url}api/v1/public/communities/ct-sanita-digitale/plans/2026?format=html`);
  assert.deepEqual(await footerOf(page), {
    body,
    links: [
      { text: 'Dichiarazione di accessibilità', href: statement },
      { text: 'Segnala un problema di accessibilità', href: `mailto:${feedback}` },
    ],
  });
  await tabTo(page, 'Segnala un problema di accessibilità');
  await checkAccessibility(page, 'the published plan page with its footer');
  await screenshot(page, 'site-footer-plan-360px');
  await context.close();

  const staff = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const fac = await facilitate(staff, env.set);
  const [presenter] = await Promise.all([staff.waitForEvent('page'), fac.getByRole('link', { name: 'Schermo di presentazione' }).click()]);
  await presenter.locator('#present-view').waitFor();
  assert.equal(await footerOf(presenter), null, 'no footer on the shared screen');
  await staff.close();
});

test('without the settings the pages show no accessibility link and nothing empty', async () => {
  const context = await env.browser.newContext({ viewport: { width: 360, height: 740 } });
  const page = await context.newPage();
  const answered = page.waitForResponse((r) => r.url().endsWith('/api/v1/public/site'));
  await page.goto(`${env.bare.url}#/join/${env.bare.joinCode}`);
  assert.deepEqual(await (await answered).json(), { body_name: null, accessibility_statement_url: null, feedback_email: null });
  assert.deepEqual(await footerOf(page), { body: null, links: [{ text: 'Area coordinatori', href: '/coordinator.html' }] });
  await checkAccessibility(page, 'the join page without site settings');
  await screenshot(page, 'site-footer-bare-join-360px');
  const coord = await context.newPage();
  const coordAnswered = coord.waitForResponse((r) => r.url().endsWith('/api/v1/public/site'));
  await coord.goto(`${env.bare.url}coordinator.html`);
  await coordAnswered;
  await coord.getByRole('button', { name: 'Accedi' }).waitFor();
  assert.deepEqual(await footerOf(coord), { body: null, links: [{ text: 'Partecipa a un incontro', href: '/' }] });
  const plan = await context.newPage();
  await plan.goto(`${env.bare.url}api/v1/public/communities/ct-sanita-digitale/plans/2026?format=html`);
  assert.equal(await footerOf(plan), null);
  await context.close();
});
