// An objective whose description quotes a contribution its author withdrew:
// the objective's editor in the coordinator area sees a notice above the form
// (the contribution itself has left the objective's links).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { apiAs, checkAccessibility, joinAs, screenshot, serverWithCoordinatorPerFile, signInCoordinator } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Mara Conti');
const said = 'Vorrei uno sportello unico per le imprese aperto il sabato';

test('the editor of an objective that quotes a withdrawn contribution sees a notice', async () => {
  const anna = await joinAs(await env.browser.newContext(), env.server, { name: 'Anna', organization: 'Comune di Lecce' });
  await anna.getByLabel('Testo').fill(said);
  await anna.getByRole('button', { name: 'Invia' }).click();
  const card = anna.locator('.cards li', { has: anna.locator('.text', { hasText: said }) });
  await card.getByRole('button', { name: /^Ritira/ }).click();
  await card.getByRole('button', { name: /^Conferma il ritiro/ }).click();

  const api = apiAs(env);
  await api('POST', '/api/v1/session', { name: 'Mara Conti', password: env.password });
  let withdrawn;
  for (let i = 0; i < 100 && !withdrawn; i++) {
    const { contributions } = await api('GET', '/api/v1/contributions?community=demo&per_page=200');
    withdrawn = contributions.find((c) => c.text === said && c.status === 'withdrawn');
    if (!withdrawn) await new Promise((r) => setTimeout(r, 50));
  }
  assert.ok(withdrawn, 'the withdrawal reached the store');
  const { objective } = await api('POST', '/api/v1/communities/demo/objectives', {
    title: 'Sportello per le imprese', year: 2027,
    description: 'Dal tavolo: «vorrei uno sportello unico per le imprese, aperto il sabato».',
  });
  assert.deepEqual(objective.notices, [{ code: 'quotes_withdrawn', contribution: withdrawn.id }]);

  for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    await signInCoordinator(page, env, 'Mara Conti');
    await page.goto(`${env.server.url}coordinator.html#/objective/${objective.id}`);
    await page.getByRole('heading', { name: objective.title }).waitFor();
    const notice = page.getByRole('status').filter({ hasText: 'La descrizione riprende le parole' });
    await notice.waitFor();
    assert.match(await notice.textContent(), new RegExp(`\\(n\\. ${withdrawn.id}\\)`));
    // Above the form, so the editor reads it before editing.
    const [noticeTop, formTop] = await Promise.all([notice.boundingBox(), page.getByLabel('Titolo').boundingBox()]);
    assert.ok(noticeTop.y < formTop.y, 'the notice comes before the form');
    await checkAccessibility(page, `objective notice ${viewport.width}`);
    await screenshot(page, `coordinator-objective-notice-${viewport.width}`);
    await context.close();
  }
});
