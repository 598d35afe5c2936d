// The store fails mid-meeting (no room left on disk, simulated by a file size
// limit the kernel enforces): the writer gets their text back with a clear
// error, the facilitator sees a banner, and the meeting goes on being shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import {
  checkAccessibility, cleanup, facilitate, joinAs, launchBrowser, screenshot, startServer, tempDir,
} from './support.mjs';

const env = {};
before(async () => {
  env.dataDir = tempDir();
  const first = await startServer({ dataDir: env.dataDir }); // the store and the demo
  await first.kill('SIGTERM');
  const used = statSync(join(env.dataDir, 'tavolo.db')).size;
  env.server = await startServer({ dataDir: env.dataDir, fileSizeLimit: used + 128 * 1024 });
  env.browser = await launchBrowser();
});
after(async () => {
  await env.browser?.close();
  await env.server?.kill();
  cleanup(env.dataDir);
});

test('a full disk: the text comes back with an error, and the facilitator is alerted', async () => {
  const staff = await facilitate(await env.browser.newContext(), env.server);
  const anna = await joinAs(await env.browser.newContext(), env.server, { name: 'Anna', organization: 'Comune di Bari' });
  assert.equal(await staff.locator('#store-alert').isVisible(), false);

  const long = 'Servizi digitali per i cittadini, '.repeat(25);
  let refused = null;
  for (let i = 0; i < 300 && !refused; i++) {
    const text = `${long}${i}`;
    await anna.getByLabel('Testo').fill(text);
    await anna.getByRole('button', { name: 'Invia' }).click();
    // Each one is either shown (saved) or refused with the text given back.
    await anna.waitForFunction((t) =>
      [...document.querySelectorAll('.cards li .text')].some((e) => e.textContent === t) ||
      document.querySelector('#submit-error').textContent !== '', text);
    if (await anna.locator('#submit-error').textContent()) refused = text;
  }
  assert.ok(refused, 'the store never filled up');
  assert.match(await anna.locator('#submit-error').textContent(), /non è stato salvato/);
  assert.equal(await anna.getByLabel('Testo').inputValue(), refused); // nothing typed is lost

  const banner = staff.locator('#store-alert');
  await banner.waitFor({ state: 'visible' });
  assert.match(await banner.textContent(), /non vengono salvate/);
  assert.equal(await banner.getAttribute('role'), 'alert');
  await checkAccessibility(staff, 'the facilitator view with the store alert');
  await screenshot(staff, 'store-alert');

  // The meeting goes on being shown: someone joining now sees what was saved.
  const late = await joinAs(await env.browser.newContext(), env.server, { name: 'Bruno', organization: 'ASL' });
  const cards = await anna.locator('.cards li').count();
  assert.ok(cards > 0);
  await late.locator('.cards li').nth(cards - 1).waitFor();
  assert.equal(await late.locator('.cards li').count(), cards);
});
