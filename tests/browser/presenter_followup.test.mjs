// The presenter's screen in a follow-up meeting: in `plan` it shows the
// community's objectives and how their working groups fill up, live.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, screenshot, serverWithCoordinatorPerFile, apiAs } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Mara');
const year = new Date().getUTCFullYear();

const api = apiAs(env);

async function joinPage(context, path, name, organization) {
  const page = await context.newPage();
  await page.goto(new URL(path, env.server.url).href);
  await page.getByLabel('Il tuo nome').fill(name);
  if (organization) await page.getByLabel('Il tuo ente').fill(organization);
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.locator('#meeting-view').waitFor({ state: 'visible' });
  return page;
}

test('a follow-up meeting presents its plan and the working groups filling up', async () => {
  await api('POST', '/api/v1/session', { name: 'Mara', password: env.password });
  await api('POST', '/api/v1/communities', { slug: 'ct-fu', name: 'Comunità Tematica Sanità' });
  const { objective } = await api('POST', '/api/v1/communities/ct-fu/objectives', {
    title: 'Interoperabilità dei dati sanitari', year, needs_working_group: true, start_month: `${year}-07`,
    owners: ['Regione Puglia'], deliverable: { description: 'Linee guida condivise', due_month: `${year}-11` },
  });
  await api('POST', `/api/v1/objectives/${objective.id}/approve`);
  const made = await api('POST', '/api/v1/communities/ct-fu/meetings', { title: 'Follow-up di maggio', scheduled_on: `${year}-05-04`, kind: 'followup' });

  const screen = await env.browser.newContext({ viewport: { width: 1920, height: 1080 } });
  const fac = await joinPage(screen, made.facilitator_link, 'Fabia');
  const [presenter] = await Promise.all([screen.waitForEvent('page'), fac.getByRole('link', { name: 'Schermo di presentazione' }).click()]);
  await fac.getByLabel('Fase').selectOption('plan');
  const item = presenter.locator('.present-plan-item', { hasText: 'Interoperabilità dei dati sanitari' });
  await item.getByText('0 persone nel gruppo di lavoro').waitFor();

  const anna = await joinPage(await env.browser.newContext(), made.participant_link, 'Anna', 'Comune di Lecce');
  await anna.locator(`.plan-item[data-objective="${objective.id}"]`).getByRole('button', { name: 'Mi candido' }).click();
  await item.getByText('1 persona nel gruppo di lavoro').waitFor();
  await item.getByText('Anna · Comune di Lecce').waitFor();
  const controls = await presenter.evaluate(() => [...document.querySelectorAll('button, input, select, textarea, form')]
    .filter((el) => el.checkVisibility()).length);
  assert.equal(controls, 0);
  await checkAccessibility(presenter, 'the presenter, a follow-up plan');
  await screenshot(presenter, 'presenter-followup-plan-1920');
});
