// Calendars in real Chromium: a coordinator gives a new meeting its time,
// downloads its calendar file from the meeting's card, moves it (the file's
// SEQUENCE counts the change, its UID stays), and makes the community's
// subscription address; a participant of a follow-up meeting downloads the
// same event from the meeting's header. At 1280 and 360 px, checked by axe.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { apiAs, checkAccessibility, screenshot, serverWithCoordinatorPerFile, signInCoordinator } from './support.mjs';

const env = serverWithCoordinatorPerFile({ before, after }, 'Mara');
const api = apiAs(env);
const year = new Date().getUTCFullYear() + 1;

// The file a click downloads, as text, with its suggested name.
async function download(page, click) {
  const [file] = await Promise.all([page.waitForEvent('download'), click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

// A property of the one event (unfolded lines).
const prop = (ics, name) => ics.replace(/\r\n /g, '').split('\r\n').find((l) => l.startsWith(name))?.slice(name.length);

test('a coordinator adds a meeting to the calendar, moves it and subscribes to the community', async () => {
  await api('POST', '/api/v1/session', { name: 'Mara', password: env.password });
  await api('POST', '/api/v1/communities', { slug: 'ct-cal', name: 'Comunità dei calendari' });
  for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
    const context = await env.browser.newContext({ viewport });
    const page = await context.newPage();
    await signInCoordinator(page, env, 'Mara');
    await page.goto(`${env.server.url}coordinator.html#/community/ct-cal/${year}`);
    const title = `Kick-off ${viewport.width}`;
    const form = page.locator('form', { has: page.getByRole('heading', { name: 'Nuovo incontro' }) });
    await form.getByLabel('Titolo', { exact: true }).fill(title);
    await form.getByLabel('Data', { exact: true }).fill(`${year}-07-15`);
    await form.getByLabel('Ora di inizio').fill('10:30');
    await form.getByLabel('Durata in minuti').fill('90');
    await form.getByRole('button', { name: 'Crea' }).click();
    const card = page.locator('.meeting-card', { has: page.getByRole('heading', { name: title }) });
    await card.getByText('ore 10:30, 90 min').waitFor();

    // The file, from the keyboard.
    const add = card.getByRole('link', { name: `Aggiungi al calendario: «${title}»` });
    await add.focus();
    const first = await download(page, () => page.keyboard.press('Enter'));
    assert.match(first.name, /^incontro-\d+\.ics$/);
    assert.equal(prop(first.text, 'SUMMARY:'), title);
    assert.equal(prop(first.text, 'DTSTART;TZID=Europe/Rome:'), `${year}0715T103000`);
    assert.equal(prop(first.text, 'DTEND;TZID=Europe/Rome:'), `${year}0715T120000`);
    assert.equal(prop(first.text, 'SEQUENCE:'), '0');
    assert.match(prop(first.text, 'URL:'), /^http:\/\/127\.0\.0\.1:\d+\/#\/join\/[A-Z0-9]{4}-[A-Z0-9]{4}$/);

    // Moved to the afternoon: the same event, one change later.
    await card.getByText(`Cambia data e ora di «${title}»`).click();
    const move = card.locator('form.reschedule');
    await move.getByLabel('Ora di inizio').fill('15:00');
    await move.getByRole('button', { name: 'Salva data e ora' }).click();
    const moved = page.locator('.meeting-card', { has: page.getByRole('heading', { name: title }) });
    await moved.getByText('ore 15:00, 90 min').waitFor();
    const second = await download(page, () => moved.getByRole('link', { name: `Aggiungi al calendario: «${title}»` }).click());
    assert.equal(prop(second.text, 'UID:'), prop(first.text, 'UID:'));
    assert.equal(prop(second.text, 'SEQUENCE:'), '1');
    assert.equal(prop(second.text, 'DTSTART;TZID=Europe/Rome:'), `${year}0715T150000`);

    // The community's address, made once and shown once.
    const feed = page.locator('section.community-feed');
    await feed.getByRole('heading', { name: 'Calendario della comunità' }).waitFor();
    await feed.getByRole('button', { name: /^Crea (l'indirizzo|un nuovo indirizzo)$/ }).click();
    const address = feed.getByLabel('Indirizzo del calendario');
    await address.waitFor();
    const url = await address.inputValue();
    assert.match(url, /^http:\/\/127\.0\.0\.1:\d+\/api\/v1\/calendars\/[A-Za-z0-9_-]+\.ics$/);
    assert.equal(await feed.getByRole('link', { name: "Iscriviti con l'app calendario" }).getAttribute('href'), url.replace(/^http/, 'webcal'));
    const subscribed = await (await fetch(url)).text(); // no cookie, as a calendar app
    assert.ok(subscribed.includes(`SUMMARY:${title}`));
    assert.ok(subscribed.includes('X-WR-CALNAME:Comunità dei calendari'));
    await feed.getByRole('button', { name: "Copia l'indirizzo" }).waitFor();

    await checkAccessibility(page, `community calendars at ${viewport.width}`);
    await screenshot(page, `calendar-community-${viewport.width}`);
    await context.close();
  }
});

test('a participant of a follow-up meeting adds it to the calendar from the header', async () => {
  await api('POST', '/api/v1/session', { name: 'Mara', password: env.password });
  const made = await api('POST', '/api/v1/communities/ct-cal/meetings', {
    title: 'Follow-up, verifica; piano', scheduled_on: `${year}-11-10`, starts_at: '17:30', kind: 'followup',
  });
  for (const viewport of [{ width: 1280, height: 800 }, { width: 360, height: 740 }]) {
    const page = await (await env.browser.newContext({ viewport })).newPage();
    await page.goto(new URL(made.participant_link, env.server.url).href);
    await page.getByLabel('Il tuo nome').fill('Anna');
    await page.getByLabel('Il tuo ente').fill('Comune di Lecce');
    await page.getByRole('button', { name: 'Entra' }).click();
    await page.locator('#plan-view').waitFor({ state: 'visible' });
    const link = page.locator('#meeting-view').getByRole('link', { name: 'Aggiungi al calendario' });
    const file = await download(page, () => link.click());
    assert.match(file.name, /^incontro-\d+\.ics$/); // the server names it
    assert.equal(prop(file.text, 'SUMMARY:'), 'Follow-up\\, verifica\\; piano');
    assert.equal(prop(file.text, 'DTSTART;TZID=Europe/Rome:'), `${year}1110T173000`);
    assert.ok(prop(file.text, 'URL:').endsWith(`/#/join/${made.meeting.join_code}`));
    await checkAccessibility(page, `follow-up meeting with its calendar link at ${viewport.width}`);
    await screenshot(page, `calendar-followup-${viewport.width}`);
    await page.context().close();
  }
});
