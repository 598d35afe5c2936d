// The page across a server crash: it shows the lost connection, reconnects by
// itself, keeps what was sent while the server was down, and loses nothing.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cleanup, facilitate, joinAs, launchBrowser, startServer } from './support.mjs';

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

test('offline, a queued contribution survives a phase change and a reload, and is delivered once', async () => {
  const server = await startServer();
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext();
    const page = await joinAs(context, server, { name: 'Anna', organization: 'Comune di Lecce' });
    const fac = await facilitate(await browser.newContext(), server);

    // Anna loses her connection; she sends one text and starts another.
    await context.setOffline(true);
    await page.locator('#connection[data-state="reconnecting"]').waitFor();
    await page.getByLabel('Testo').fill('Scritto senza rete');
    await page.getByRole('button', { name: 'Invia' }).click();
    await page.locator('#outbox-status', { hasText: 'In attesa di connessione: 1' }).waitFor();
    await page.getByLabel('Testo').fill('Una bozza non ancora inviata');

    // Meanwhile the meeting moves on to the vote; Anna reloads the page while
    // the meeting's connection still fails (the page itself loads).
    await fac.getByLabel('Fase').selectOption('vote');
    let blocked = true;
    await context.routeWebSocket(/\/ws(\?|$)/, (ws) => {
      if (blocked) ws.close();
      else ws.connectToServer();
    });
    await context.setOffline(false);
    await page.reload();
    // No need to press Entra again: the page rejoins with its resume token.
    await page.locator('#connection[data-state="reconnecting"]').waitFor();
    blocked = false;
    await page.locator('#connection[data-state="open"]').waitFor({ timeout: 20000 });
    // The draft is still there; the queued text waits for the collection.
    assert.equal(await page.getByLabel('Testo').inputValue(), 'Una bozza non ancora inviata');
    await page.locator('#outbox-status', { hasText: 'In attesa della raccolta: 1' }).waitFor();
    assert.equal(await fac.locator('.cards li', { hasText: 'Scritto senza rete' }).count(), 0);

    // Collecting again: it goes out, once.
    await fac.getByLabel('Fase').selectOption('collect');
    await fac.locator('.cards li', { hasText: 'Scritto senza rete' }).waitFor();
    await page.locator('.cards li', { hasText: 'Scritto senza rete' }).waitFor();
    await page.locator('#outbox-status', { hasText: /^$/ }).waitFor({ state: 'attached' });
    await page.waitForTimeout(500);
    assert.equal(await fac.locator('.cards li', { hasText: 'Scritto senza rete' }).count(), 1);
  } finally {
    await browser.close();
    await server.kill();
    cleanup(server.dataDir);
  }
});
