// A follow-up meeting in real Chromium: a coordinator prepares the plan over
// the API; participants see it, volunteer for a working group (one with the
// keyboard) and see the group fill up; the facilitator confirms and enables
// it; the store has it, as the coordinator API shows.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, screenshot, serverWithCoordinatorPerFile, apiAs } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Mara');
const year = new Date().getUTCFullYear();

const api = apiAs(env);

async function approvedObjective(title, needsGroup) {
  const { objective } = await api('POST', '/api/v1/communities/ct-fu/objectives', {
    title, year, needs_working_group: needsGroup, start_month: `${year}-07`,
    owners: ['Regione Puglia'], deliverable: { description: 'Linee guida condivise', due_month: `${year}-11` },
  });
  await api('POST', `/api/v1/objectives/${objective.id}/approve`);
  return objective.id;
}

async function joinPage(path, name, organization) {
  const page = await (await env.browser.newContext()).newPage();
  await page.goto(new URL(path, env.server.url).href);
  await page.getByLabel('Il tuo nome').fill(name);
  if (organization) await page.getByLabel('Il tuo ente').fill(organization);
  await page.getByRole('button', { name: 'Entra' }).click();
  await page.locator('#meeting-view').waitFor({ state: 'visible' });
  return page;
}

test('participants volunteer, everyone sees the group fill up, the facilitator enables it', async () => {
  await api('POST', '/api/v1/session', { name: 'Mara', password: env.password });
  await api('POST', '/api/v1/communities', { slug: 'ct-fu', name: 'Comunità Tematica Sanità' });
  const withGroup = await approvedObjective('Interoperabilità dei dati sanitari', true);
  await approvedObjective('Catalogo dei servizi online', false);
  const made = await api('POST', '/api/v1/communities/ct-fu/meetings', { title: 'Follow-up di maggio', scheduled_on: `${year}-05-04`, kind: 'followup' });

  const anna = await joinPage(made.participant_link, 'Anna', 'Comune di Lecce');
  const plan = anna.locator('#plan-view');
  await plan.getByRole('heading', { name: 'Interoperabilità dei dati sanitari' }).waitFor();
  assert.equal(await plan.locator('.plan-item').count(), 2);
  await plan.getByText('Questo obiettivo non prevede un gruppo di lavoro.').waitFor();
  await plan.getByText('Linee guida condivise — entro novembre').first().waitFor();
  // A follow-up shows no contribution form; volunteering waits for the plan phase.
  assert.equal(await anna.locator('#submit-form').isVisible(), false);
  assert.equal(await plan.getByRole('button', { name: 'Mi candido' }).count(), 0);

  const fac = await joinPage(made.facilitator_link, 'Fabia');
  await fac.getByLabel('Fase').selectOption('plan');
  const item = (page) => page.locator(`.plan-item[data-objective="${withGroup}"]`);
  await item(anna).getByRole('button', { name: 'Mi candido' }).click();
  await item(fac).getByText('Anna · Comune di Lecce').waitFor();
  await item(anna).getByText('(tu)').waitFor();
  await item(anna).getByRole('button', { name: 'Ritiro la candidatura' }).waitFor();
  // Her candidacy is saved, and she can see it: a mark in the card, said aloud too.
  await item(anna).locator('.save-status', { hasText: 'Salvato ✓' }).waitFor();
  await anna.locator('#announcer', { hasText: 'Gruppo di lavoro aggiornato' }).waitFor();

  // Marco volunteers with the keyboard alone.
  const marco = await joinPage(made.participant_link, 'Marco', 'ASL Bari');
  await item(marco).getByRole('button', { name: 'Mi candido' }).focus();
  await marco.keyboard.press('Enter');
  await item(anna).getByText('Marco · ASL Bari').waitFor();
  await item(anna).getByText('2 partecipanti').waitFor();
  await anna.locator('#announcer', { hasText: '2 partecipanti' }).waitFor();

  // The facilitator confirms the composition: nobody can join or leave now.
  await item(fac).getByRole('button', { name: 'Conferma la composizione' }).click();
  await item(anna).getByText('Composizione confermata').waitFor();
  await item(fac).locator('.save-status', { hasText: 'Salvato ✓' }).waitFor();
  assert.equal(await item(anna).getByRole('button', { name: 'Ritiro la candidatura' }).count(), 0);
  await item(anna).getByText('La composizione è confermata').waitFor();

  // ...and enables it with its start date.
  await item(fac).getByLabel('Data di avvio').fill(`${year}-07-01`);
  await item(fac).getByRole('button', { name: 'Attiva il gruppo' }).click();
  await item(fac).getByRole('button', { name: 'Riapri le candidature' }).waitFor();
  await item(marco).getByText(`Gruppo attivato, avvio il 1 luglio ${year}`).waitFor();

  // The store has it.
  const { objective } = await api('GET', `/api/v1/objectives/${withGroup}`);
  assert.equal(objective.working_group.status, 'enabled');
  assert.equal(objective.working_group.start_date, `${year}-07-01`);
  assert.deepEqual(objective.working_group.members.map((m) => [m.name, m.confirmed]), [['Anna', true], ['Marco', true]]);

  // A coordinator renames the objective: the meeting shows it at once.
  await api('PATCH', `/api/v1/objectives/${withGroup}`, { title: 'Dati sanitari interoperabili' });
  await item(anna).getByRole('heading', { name: 'Dati sanitari interoperabili' }).waitFor();
  await anna.locator('#announcer', { hasText: 'Il piano è stato aggiornato.' }).waitFor();

  await checkAccessibility(fac, 'the follow-up meeting, facilitator');
  await checkAccessibility(anna, 'the follow-up meeting, participant');
  await screenshot(fac, 'followup-facilitator');
  await marco.setViewportSize({ width: 360, height: 800 });
  await screenshot(marco, 'followup-participant-360px');
  // English too.
  await anna.getByRole('button', { name: 'English' }).click();
  await item(anna).getByText(`Group enabled, starting 1 July ${year}`).waitFor();
});
