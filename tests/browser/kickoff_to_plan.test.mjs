// A whole kick-off in real Chromium, then the coordinator's work: a
// facilitator and three participants in separate browser contexts join,
// submit each kind, support, move through the phases, cluster, drag a card to
// another group, promote a group; a coordinator signs in, finds the objective
// with its linked contributions, completes it, and publishes the plan, which
// everyone can then open. axe-core checks every coordinator view.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, facilitate, joinAs, screenshot, serverWithCoordinatorPerFile } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Mara Conti');

const said = [
  ['Anna', 'Comune di Lecce', 'need', 'I medici di base non ricevono i referti digitali dagli ospedali'],
  ['Bruno', 'ASL Bari', 'proposal', 'Telemedicina per i pazienti cronici nelle zone di montagna'],
  ['Carla', 'Comune di Taranto', 'activity', 'Fascicolo sanitario elettronico: campagna per i cittadini'],
  ['Anna', 'Comune di Lecce', 'proposal', 'Laboratori informatici nuovi per le scuole medie'],
  ['Bruno', 'ASL Bari', 'need', 'Insegnanti da formare sulla didattica con strumenti digitali'],
  ['Carla', 'Comune di Taranto', 'activity', 'Registro elettronico e comunicazioni scuola-famiglia in una sola app'],
];

test('from a kick-off to a published plan', async () => {
  const fac = await facilitate(await env.browser.newContext(), env.server);
  const people = {};
  for (const [name, organization] of [['Anna', 'Comune di Lecce'], ['Bruno', 'ASL Bari'], ['Carla', 'Comune di Taranto']]) {
    people[name] = await joinAs(await env.browser.newContext(), env.server, { name, organization });
  }
  for (const [name, , kind, text] of said) {
    const page = people[name];
    await page.locator(`label[for="kind-${kind}"]`).click();
    await page.getByLabel('Testo').fill(text);
    await page.getByRole('button', { name: 'Invia' }).click();
  }
  for (const [, , kind, text] of said) await fac.locator(`.cards[data-kind="${kind}"] li`, { hasText: text }).waitFor();

  // Vote: Carla and Anna support the telemedicine proposal, Bruno the
  // hospital reports; everyone sees the counts. The promotion below keeps them.
  await fac.getByLabel('Fase').selectOption('vote');
  const tele = (page) => page.locator('.cards li', { hasText: 'Telemedicina' });
  await tele(people.Carla).getByRole('button', { name: /^Sostieni/ }).click();
  await tele(people.Anna).locator('.supports', { hasText: '1 sostegno' }).waitFor();
  await tele(people.Anna).getByRole('button', { name: /^Sostieni/ }).click();
  await tele(people.Carla).locator('.supports', { hasText: '2 sostegni' }).waitFor();
  const reports = (page) => page.locator('.cards li', { hasText: 'referti digitali' });
  await reports(people.Bruno).getByRole('button', { name: /^Sostieni/ }).click();
  await reports(people.Anna).locator('.supports', { hasText: '1 sostegno' }).waitFor();

  // Cluster, then drag a school text into the health group.
  await fac.getByLabel('Fase').selectOption('cluster');
  await fac.getByRole('button', { name: 'Raggruppa i contributi' }).click();
  await fac.locator('#cluster-status', { hasText: 'gruppi' }).waitFor();
  const groupOf = (page, text) => page.locator('#groups-list .group', { has: page.locator('.members li .text', { hasText: text }) });
  const health = await groupOf(fac, 'Telemedicina').getAttribute('data-group');
  const school = await groupOf(fac, 'Laboratori informatici').getAttribute('data-group');
  assert.notEqual(health, school, 'health and school texts start apart');
  const card = fac.locator(`#groups-list .group[data-group="${school}"] .members li`, { has: fac.locator('.text', { hasText: 'Insegnanti da formare' }) });
  // A person's drag: press, move a few steps, release over the other column
  // (the columns stand side by side, both on screen).
  await fac.locator('#group-board').scrollIntoViewIfNeeded();
  // Drag and drop loads for staff only, when the board first needs it.
  await fac.locator(`#groups-list .group[data-group="${school}"] .members[data-sortable="ready"]`).waitFor();
  const from = await card.locator('.text').boundingBox();
  const to = await fac.locator(`#groups-list .group[data-group="${health}"] .members li`).first().boundingBox();
  await fac.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
  await fac.mouse.down();
  await fac.mouse.move(from.x + from.width / 2 + 10, from.y + from.height / 2 + 10, { steps: 5 });
  await fac.mouse.move(to.x + to.width / 2, to.y + to.height / 2, { steps: 20 });
  await fac.mouse.up();
  await people.Bruno.locator(`#groups-list .group[data-group="${health}"] .members .text`, { hasText: 'Insegnanti da formare' }).waitFor();
  // The group's supports add up: telemedicine's two and the reports' one (the moved card has none).
  await people.Bruno.locator(`#groups-list .group[data-group="${health}"] .group-meta`, { hasText: /contributi · 3 sostegni$/ }).waitFor();
  await checkAccessibility(fac, 'the cluster board after a drag');
  await fac.evaluate(() => window.scrollTo(0, 0));
  await screenshot(fac, 'kickoff-cluster-board');

  // Rename and promote the health group from its menu; everyone sees it.
  const healthCard = fac.locator(`#groups-list .group[data-group="${health}"]`);
  const actions = () => healthCard.getByRole('button', { name: /^Azioni del gruppo/ });
  await actions().click();
  await fac.getByRole('menuitem', { name: 'Rinomina' }).click();
  await healthCard.getByLabel('Titolo del gruppo').fill('Sanità digitale sul territorio');
  await healthCard.getByRole('button', { name: 'Salva' }).click();
  await healthCard.locator('h3', { hasText: 'Sanità digitale sul territorio' }).waitFor();
  await actions().click();
  await fac.getByRole('menuitem', { name: 'Crea obiettivo' }).click();
  await people.Anna.locator('#announcer', { hasText: 'Obiettivo in bozza creato: Sanità digitale sul territorio' }).waitFor();
  await fac.getByLabel('Fase').selectOption('closed');

  // The coordinator signs in (a wrong password first).
  const coord = await (await env.browser.newContext()).newPage();
  await coord.goto(`${env.server.url}coordinator.html`);
  await coord.getByLabel('Nome').fill('Mara Conti');
  await coord.getByLabel('Password').fill('sbagliata');
  await coord.getByRole('button', { name: 'Accedi' }).click();
  await coord.getByText('Nome o password non corretti.').waitFor();
  await checkAccessibility(coord, 'coordinator sign-in');
  await coord.getByLabel('Password').fill(env.password);
  await coord.getByRole('button', { name: 'Accedi' }).click();
  await coord.getByRole('heading', { name: 'Comunità Tematiche' }).waitFor();
  await checkAccessibility(coord, 'coordinator communities');
  await screenshot(coord, 'coordinator-communities');

  // Contribution review: full-text search finds the stem, shows the objective.
  await coord.getByRole('link', { name: 'Contributi' }).click();
  // Comunità is feminine: "Tutte"; the kinds and states stay "Tutti".
  assert.equal(await coord.getByLabel('Comunità', { exact: true }).locator('option').first().textContent(), 'Tutte');
  assert.equal(await coord.getByLabel('Tipo', { exact: true }).locator('option').first().textContent(), 'Tutti');
  // The tab shows tavolo's icon.
  const icon = await coord.evaluate(async () => {
    const link = document.querySelector('link[rel="icon"]');
    const r = await fetch(link.href);
    return { status: r.status, type: r.headers.get('content-type') };
  });
  assert.deepEqual(icon, { status: 200, type: 'image/svg+xml' });
  await coord.getByLabel('Cerca', { exact: true }).fill('ospedale');
  await coord.getByLabel('Comunità', { exact: true }).selectOption('demo');
  await coord.getByRole('button', { name: 'Filtra' }).click();
  await coord.getByText('Contributi trovati: 1').waitFor();
  const hit = coord.locator('.results li', { hasText: 'referti digitali' });
  await hit.getByText('Anna · Comune di Lecce').waitFor();
  await hit.getByRole('link', { name: 'Sanità digitale sul territorio' }).waitFor();
  // The community is named, not shown as its slug; the meeting's date is in words.
  await hit.getByRole('link', { name: 'Comunità Tematica Trasformazione Digitale (demo)' }).waitFor();
  assert.equal(await hit.getByRole('link', { name: 'demo', exact: true }).count(), 0);
  assert.doesNotMatch(await hit.textContent(), /\d{4}-\d{2}-\d{2}/);
  await hit.locator('.supports', { hasText: '1 sostegno' }).waitFor();
  // Most supported first: chosen from the sort control, which keeps the focus.
  await coord.getByLabel('Cerca', { exact: true }).fill('');
  await coord.getByLabel('Ordina per').selectOption('supports');
  await coord.getByText(`Contributi trovati: ${said.length}`).waitFor();
  const ranked = await coord.locator('.results > li').evaluateAll((lis) => lis.map((li) => [li.querySelector('.text').textContent, li.querySelector('.supports').textContent]));
  assert.deepEqual(ranked.slice(0, 2), [[said[1][3], '2 sostegni'], [said[0][3], '1 sostegno']]);
  assert.deepEqual(ranked.slice(2).map(([, n]) => n), Array(said.length - 2).fill('0 sostegni'));
  assert.equal(await coord.evaluate(() => document.activeElement?.id), 'contribution-sort');
  await checkAccessibility(coord, 'coordinator contribution review');
  await screenshot(coord, 'coordinator-contributions');

  // The objective, with the contributions it came from.
  await hit.getByRole('link', { name: 'Sanità digitale sul territorio' }).click();
  await coord.getByRole('heading', { name: 'Sanità digitale sul territorio', level: 1 }).waitFor();
  const linked = coord.locator('section', { has: coord.getByRole('heading', { name: /^Contributi collegati/ }) });
  for (const text of ['Telemedicina', 'referti digitali', 'Insegnanti da formare']) await linked.getByText(text).first().waitFor();
  // The supports kept from the meeting: the group's total and each contribution's.
  await coord.locator('#objective-supports', { hasText: 'Sostegni del gruppo quando è diventato obiettivo: 3' }).waitFor();
  await linked.locator('li', { hasText: 'Telemedicina' }).locator('.supports', { hasText: '2 sostegni' }).waitFor();
  await linked.locator('li', { hasText: 'referti digitali' }).locator('.supports', { hasText: '1 sostegno' }).waitFor();
  await linked.locator('li', { hasText: 'Insegnanti da formare' }).locator('.supports', { hasText: '0 sostegni' }).waitFor();
  // Complete it: schedule, a deliverable, a working group.
  await coord.getByLabel('Inizio').fill('2027-07');
  await coord.getByLabel('Fine').fill('2027-12');
  await coord.getByLabel('Enti capofila').fill('ASL Bari; Comune di Lecce');
  await coord.locator('label', { hasText: 'Serve un gruppo di lavoro' }).click();
  await coord.getByLabel('Descrizione').nth(1).fill('Linee guida per i referti digitali');
  await coord.getByLabel('Scadenza').fill('2027-11');
  await coord.getByRole('button', { name: 'Salva', exact: true }).click();
  await coord.locator('#announcer', { hasText: 'Salvato.' }).waitFor();
  await coord.getByRole('button', { name: 'Aggiungi un membro' }).click();
  await coord.getByLabel('Nome del membro 1').fill('Bruno Neri');
  await coord.getByLabel('Ente del membro 1').fill('ASL Bari');
  await coord.getByLabel('Stato del gruppo').selectOption('enabled');
  await coord.getByLabel('Data di avvio').fill('2027-07-01');
  await coord.getByRole('button', { name: 'Salva il gruppo' }).click();
  await coord.locator('#announcer', { hasText: 'Salvato.' }).waitFor();
  assert.equal(await coord.getByLabel('Ente del membro 1').inputValue(), 'ASL Bari');
  await coord.getByRole('button', { name: 'Approva' }).click();
  await coord.locator('.badge', { hasText: 'Approvato' }).waitFor();
  await checkAccessibility(coord, 'coordinator objective editor');
  await screenshot(coord, 'coordinator-objective');

  // The plan: a draft version, then published.
  await coord.getByRole('link', { name: /^Torna a Comunità Tematica Trasformazione Digitale \(demo\)/ }).click();
  await coord.getByRole('heading', { name: 'Obiettivi', exact: true }).waitFor();
  await coord.getByRole('link', { name: 'Sanità digitale sul territorio' }).waitFor();
  await coord.getByRole('row', { name: /Sanità digitale sul territorio .* 3$/ }).waitFor();
  await checkAccessibility(coord, 'coordinator community');
  await screenshot(coord, 'coordinator-community');
  await coord.getByRole('link', { name: 'Piano 2027' }).click();
  await coord.getByText('Nessuna versione').waitFor();
  await coord.getByRole('button', { name: 'Nuova versione in bozza' }).click();
  await coord.locator('#plan-status', { hasText: 'Versione 1, bozza' }).waitFor();
  await coord.getByRole('button', { name: 'Pubblica' }).click();
  await coord.getByRole('button', { name: /^Conferma: pubblica/ }).click();
  await coord.locator('#plan-status', { hasText: 'Versione 1, pubblicata il' }).waitFor();
  await coord.getByRole('heading', { name: 'Sanità digitale sul territorio' }).waitFor();
  await checkAccessibility(coord, 'coordinator plan');
  await screenshot(coord, 'coordinator-plan');

  // Downloads in every format, Italian and English.
  const links = await coord.locator('#downloads-title ~ p a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.equal(links.length, 10);
  for (const href of links) {
    const res = await coord.request.get(new URL(href, env.server.url).href);
    assert.equal(res.status(), 200, href);
    const text = await res.text();
    // The Excel (Italia) CSV: semicolons after a byte order mark.
    if (href.includes('format=csv-excel-it')) assert.match(text, /^\uFEFF"(comunita|community)";/, href);
    assert.match(text, /Sanità digitale sul territorio/, href);
    assert.match(text, /sostegni|supports/i, href);
  }

  // The published plan is public: a fresh browser with no account opens it.
  const visitor = await (await env.browser.newContext()).newPage();
  await visitor.goto(`${env.server.url}api/v1/public/communities/demo/plans/2027?format=html`);
  await visitor.getByRole('heading', { name: /Sanità digitale sul territorio/ }).waitFor();
  await visitor.getByText('ASL Bari').first().waitFor();

  // The system plan with its figures and chart.
  await coord.getByRole('link', { name: 'Piano di sistema' }).click();
  await coord.getByLabel('Anno').selectOption('2027');
  await coord.getByRole('heading', { name: 'Piano di sistema 2027' }).waitFor();
  await coord.getByRole('img', { name: /Grafico dei gruppi di lavoro/ }).waitFor();
  await coord.getByRole('row', { name: /luglio 2027 1/ }).waitFor();
  await checkAccessibility(coord, 'coordinator system plan');
  await screenshot(coord, 'coordinator-system-plan');
  // It links the open-data catalogue, which describes the published plan.
  await coord.getByRole('heading', { name: 'Dati aperti' }).waitFor();
  const catalog = await coord.getByRole('link', { name: 'Turtle' }).getAttribute('href');
  const ttl = await coord.request.get(new URL(catalog, env.server.url).href);
  assert.equal(ttl.headers()['content-type'], 'text/turtle; charset=utf-8');
  assert.match(await ttl.text(), /#demo-2027>\n    a dcatapit:Dataset/);

  // Usable on a phone.
  await coord.setViewportSize({ width: 360, height: 800 });
  await coord.getByRole('link', { name: 'Contributi' }).click();
  await coord.getByRole('button', { name: 'Filtra' }).waitFor();
  await checkAccessibility(coord, 'coordinator contributions at 360 px');
  await screenshot(coord, 'coordinator-contributions-360px');
  assert.ok(await coord.evaluate(() => document.documentElement.scrollWidth <= 360), 'no sideways scrolling at 360 px');

  // Signing out ends the session.
  await coord.getByRole('button', { name: 'Esci' }).click();
  await coord.getByRole('heading', { name: 'Accesso coordinatori' }).waitFor();
  const res = await coord.request.get(`${env.server.url}api/v1/session`);
  assert.equal(res.status(), 401);
});
