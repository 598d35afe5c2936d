// The page across a server crash: it shows the lost connection, reconnects by
// itself, keeps what was sent while the server was down, and loses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, joinAs, launchBrowser, startServer } from './support.mjs';

test('after kill -9 and a restart the page reconnects and nothing is lost', async () => {
  let server = await startServer();
  const { dataDir, port } = server;
  const browser = await launchBrowser();
  try {
    const page = await joinAs(await browser.newContext(), server, { name: 'Anna', organization: 'Comune di Lecce' });
    await page.getByLabel('Testo').fill('Prima del guasto');
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.locator('.cards li', { hasText: 'Prima del guasto' }).waitFor();

    await server.kill('SIGKILL');
    await page.locator('#connection[data-state="reconnecting"]').waitFor();
    // Sent while the server is down: it waits in the outbox.
    await page.getByLabel('Testo').fill('Durante il guasto');
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.locator('#outbox-status', { hasText: 'In attesa di connessione: 1' }).waitFor();

    server = await startServer({ dataDir, port });
    await page.locator('#connection[data-state="open"]').waitFor({ timeout: 20000 });
    await page.locator('.cards li', { hasText: 'Durante il guasto' }).waitFor();

    // A newcomer sees both, each once.
    const other = await joinAs(await browser.newContext(), server, { name: 'Bruno', organization: 'ASL' });
    await other.locator('.cards li', { hasText: 'Durante il guasto' }).waitFor();
    assert.equal(await other.locator('.cards li', { hasText: 'Prima del guasto' }).count(), 1);
    assert.equal(await other.locator('.cards li').count(), 2);
  } finally {
    await browser.close();
    await server.kill();
    cleanup(dataDir);
  }
});
