// A meeting moving to another server (several tavolo nodes behind HAProxy):
// the page connects to /ws?meeting=CODE, a join answered `meeting_moving`
// is no failure (the connection says the meeting is moving and the page
// joins again by itself), and a close for `meeting moved` is a drop like
// any other, resumed at once with nothing lost. The server does not move
// meetings on one node: Playwright's WebSocket route plays the other
// servers' part between the page and the real server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, screenshot, serverAndBrowserPerFile } from './support.mjs';

const env = serverAndBrowserPerFile({ before, after });
const movingText = 'La riunione si sta spostando su un altro server: riprendo tra un attimo…';

// Routes the context's meeting sockets through the real server, answering
// the next `moving.joins` joins with meeting_moving instead of passing them.
async function routeMeeting(context) {
  const route = { joins: 0, moving: 0, urls: [], opened: [], sockets: [], passedJoins: 0 };
  await context.routeWebSocket(/\/ws(\?|$)/, (ws) => {
    route.urls.push(ws.url());
    route.opened.push(Date.now());
    const server = ws.connectToServer();
    route.sockets.push({ ws, server });
    ws.onMessage((text) => {
      const msg = JSON.parse(text);
      if (msg.type === 'join') {
        route.joins += 1;
        if (route.moving > 0) {
          route.moving -= 1;
          ws.send(JSON.stringify({
            type: 'error', ref: msg.ref, code: 'meeting_moving', message: 'the meeting is moving', retry_after_ms: 800,
          }));
          return;
        }
        route.passedJoins += 1;
      }
      server.send(text);
    });
  });
  return route;
}

for (const viewport of [{ width: 360, height: 740 }, { width: 1280, height: 800 }]) {
  const w = viewport.width;
  test(`${w}px: a first join answered meeting_moving shows the move and gets in by itself`, async () => {
    const context = await env.browser.newContext({ viewport });
    const route = await routeMeeting(context);
    route.moving = 2;
    const page = await context.newPage();
    await page.goto(`${env.server.url}#/join/${env.server.joinCode}`);
    await page.getByLabel('Il tuo nome').fill('Anna');
    await page.getByLabel('Il tuo ente').fill('Comune di Lecce');
    await page.getByRole('button', { name: 'Entra' }).click();

    await page.locator('#connection[data-state="moving"]', { hasText: movingText }).waitFor();
    assert.equal(await page.locator('#join-error').textContent(), '', 'no error shown');
    await screenshot(page, `meeting-moving-join-${w}`);
    await checkAccessibility(page, 'the join form while the meeting moves');

    await page.locator('#meeting-view').waitFor({ state: 'visible' });
    await page.locator('#connection[data-state="open"]').waitFor();
    assert.equal(route.joins, 3, 'joined again twice, then acknowledged');
    assert.equal(route.sockets.length, 1, 'on the same connection');
    const code = env.server.joinCode;
    assert.ok(route.urls[0].endsWith(`/ws?meeting=${encodeURIComponent(code)}`), route.urls[0]);
    await context.close();
  });

  test(`${w}px: a close for "meeting moved" resumes at once, and what was written meanwhile arrives once`, async () => {
    const context = await env.browser.newContext({ viewport });
    const route = await routeMeeting(context);
    const page = await context.newPage();
    await page.goto(`${env.server.url}#/join/${env.server.joinCode}`);
    await page.getByLabel('Il tuo nome').fill(`Bruno ${w}`);
    await page.getByLabel('Il tuo ente').fill('ASL Lecce');
    await page.getByRole('button', { name: 'Entra' }).click();
    await page.locator('#connection[data-state="open"]').waitFor();

    // The node loses the meeting; the next node is not ready for one join.
    route.moving = 1;
    const { ws, server } = route.sockets[0];
    const closedAt = Date.now();
    await server.close();
    await ws.close({ code: 4000, reason: 'meeting moved' });
    await page.locator('#connection[data-state="moving"]', { hasText: movingText }).waitFor();
    const text = `Scritto durante lo spostamento (${w})`;
    await page.getByLabel('Testo').fill(text);
    await page.getByRole('button', { name: 'Invia' }).click();
    await screenshot(page, `meeting-moving-meeting-${w}`);
    await checkAccessibility(page, 'the meeting while it moves');

    await page.locator('#connection[data-state="open"]').waitFor({ timeout: 10000 });
    assert.equal(route.sockets.length, 2, 'one new connection');
    assert.equal(route.passedJoins, 2, 'the first join, and the resume once the meeting moved');
    // Within ~300 ms by the page's clock (and a margin for a busy machine).
    assert.ok(route.opened[1] - closedAt < 1500, `reconnected after ${route.opened[1] - closedAt} ms`);
    await page.locator('.cards li', { hasText: text }).waitFor();
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.cards li', { hasText: text }).count(), 1);
    // Not reported as the server closing on us.
    assert.doesNotMatch(await page.locator('#announcer').textContent(), /chiuso la connessione/);
    await context.close();
  });
}
