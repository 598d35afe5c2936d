// A closed meeting points to what came of it (issue 18, item 6): once the
// community publishes its plan for the meeting's year, whoever is still in
// the closed meeting gets a link to the public plan, with no reload, on a
// phone and on a desktop.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, facilitate, joinAs, screenshot, serverWithCoordinatorPerFile, apiAs } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Mara');

const api = apiAs(env);

test('a closed meeting says thank you, then links to the plan once it is published', async () => {
  const fac = await facilitate(await env.browser.newContext({ viewport: { width: 1280, height: 800 } }), env.server);
  const anna = await joinAs(await env.browser.newContext({ viewport: { width: 360, height: 740 } }), env.server,
    { name: 'Anna', organization: 'Comune di Lecce' });
  await fac.getByLabel('Fase').selectOption('closed');
  await anna.locator('#closed-view', { hasText: 'grazie per aver partecipato' }).waitFor();
  assert.equal(await anna.locator('#closed-plan').isVisible(), false, 'no link before a plan is published');
  assert.match(await anna.locator('#closed-next').textContent(), /quando sarà pubblicato/);

  // The coordinator publishes the community's plan for the meeting's year.
  const year = 2027; // the demo meeting is on 2027-01-20 (server/app/demo/demo.cpp)
  await api('POST', '/api/v1/session', { name: 'Mara', password: env.password });
  const { objective } = await api('POST', '/api/v1/communities/demo/objectives', {
    title: 'Sanità digitale sul territorio', year, needs_working_group: false, start_month: `${year}-07`,
    owners: ['ASL Bari'], deliverable: { description: 'Linee guida', due_month: `${year}-11` },
  });
  await api('POST', `/api/v1/objectives/${objective.id}/approve`);
  await api('POST', `/api/v1/communities/demo/plans/${year}`);
  await api('POST', `/api/v1/communities/demo/plans/${year}/publish`);

  for (const page of [anna, fac]) {
    const link = page.getByRole('link', { name: 'Leggi il piano pubblicato della Comunità' });
    await link.waitFor();
    assert.equal(new URL(await link.getAttribute('href')).pathname, `/api/v1/public/communities/demo/plans/${year}`);
    await page.locator('#closed-plan-version', { hasText: `(piano ${year}, versione 1, pubblicata)` }).waitFor();
  }
  assert.match(await anna.locator('#closed-next').textContent(), /ora pubblicato/);
  await checkAccessibility(anna, 'a closed meeting with its published plan, at 360 px');
  await screenshot(anna, 'phone-closed-with-plan-participant');
  await checkAccessibility(fac, 'a closed meeting with its published plan, facilitator');
  await screenshot(fac, 'closed-with-plan-facilitator');

  // The link opens the public plan, no account needed.
  await anna.getByRole('link', { name: 'Leggi il piano pubblicato della Comunità' }).click();
  await anna.getByRole('heading', { name: /Sanità digitale sul territorio/ }).waitFor();
});
