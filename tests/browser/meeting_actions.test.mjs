// What people do with contributions in real Chromium: authors edit and
// withdraw their own; the facilitator runs a countdown, locks submissions,
// hides and restores, sees who is connected and removes someone; participants
// support contributions with their budget shown.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, facilitate, joinAs, screenshot, serverAndBrowserPerFile } from './support.mjs';

const env = serverAndBrowserPerFile({ before, after });

async function send(page, text) {
  await page.getByLabel('Testo').fill(text);
  await page.getByRole('button', { name: 'Invia' }).click();
  await page.locator('.cards li .text', { hasText: text }).waitFor();
}

const card = (page, text) => page.locator('.cards li', { has: page.locator('.text', { hasText: text }) });

test('authors edit and withdraw their own; the facilitator moderates and runs the meeting', async () => {
  const anna = await joinAs(await env.browser.newContext(), env.server, { name: 'Anna', organization: 'Comune di Lecce' });
  const bruno = await joinAs(await env.browser.newContext(), env.server, { name: 'Bruno', organization: 'ASL Bari' });
  const fac = await facilitate(await env.browser.newContext(), env.server);

  await send(anna, 'Sportello unico digitale per le imprese');
  await send(anna, 'Un testo da ritirare');
  await send(bruno, 'Corsi di formazione sul cloud');

  // Only the author (and staff) may edit: Bruno sees no edit on Anna's card.
  await card(bruno, 'Sportello unico').waitFor();
  assert.equal(await card(bruno, 'Sportello unico').getByRole('button', { name: /^Modifica/ }).count(), 0);
  await card(anna, 'Sportello unico').getByRole('button', { name: /^Modifica/ }).click();
  const area = anna.getByLabel('Testo del contributo');
  await area.fill('Sportello unico digitale per imprese e cittadini');
  await anna.getByRole('button', { name: 'Salva' }).click();
  await card(bruno, 'per imprese e cittadini').waitFor();

  // Withdrawing asks for a confirmation first.
  const withdraw = card(anna, 'Un testo da ritirare').getByRole('button', { name: /^Ritira/ });
  await withdraw.click();
  await card(anna, 'Un testo da ritirare').getByRole('button', { name: /^Conferma il ritiro/ }).click();
  await card(bruno, 'Un testo da ritirare').waitFor({ state: 'detached' });
  // Staff still see it, dimmed and marked, but it no longer counts.
  const gone = card(fac, 'Un testo da ritirare');
  await gone.and(fac.locator('[data-status="withdrawn"]')).waitFor();
  assert.match(await gone.locator('.text').evaluate((el) => getComputedStyle(el).textDecorationLine), /line-through/, 'a withdrawn card is struck through');
  assert.equal(await fac.locator('[data-count="proposal"]').textContent(), '2');

  // The facilitator hides Bruno's text: gone for Anna, kept (and restorable) for staff.
  await card(fac, 'Corsi di formazione').getByRole('button', { name: /^Nascondi/ }).click();
  await card(anna, 'Corsi di formazione').waitFor({ state: 'detached' });
  await card(fac, 'Corsi di formazione').getByText('Nascosto dal facilitatore').waitFor();
  await card(fac, 'Corsi di formazione').getByRole('button', { name: /^Ripristina/ }).click();
  await card(anna, 'Corsi di formazione').waitFor();

  // A duplicate merged into the text it repeats: gone for everyone.
  await send(bruno, 'Corsi sul cloud (doppione)');
  await card(fac, 'doppione').getByRole('button', { name: /^Unisci a un altro/ }).click();
  await card(fac, 'doppione').getByLabel('Contributo da tenere').selectOption({ label: 'Corsi di formazione sul cloud' });
  await card(fac, 'doppione').getByRole('button', { name: 'Unisci', exact: true }).click();
  await card(anna, 'doppione').waitFor({ state: 'detached' });
  await card(fac, 'doppione').waitFor({ state: 'detached' });
  await card(fac, 'Corsi di formazione sul cloud').waitFor();

  // A countdown everyone sees, on the server's clock.
  await fac.getByLabel('Timer (minuti)').fill('3');
  await fac.getByRole('button', { name: 'Avvia' }).click();
  await anna.locator('#timer', { hasText: /Tempo rimasto [23]:\d\d/ }).waitFor();
  await fac.getByRole('button', { name: 'Ferma' }).click();
  await anna.locator('#timer').waitFor({ state: 'hidden' });

  // Locked submissions.
  await fac.getByRole('button', { name: 'Blocca gli invii' }).click();
  await anna.locator('#submit-closed', { hasText: 'bloccato' }).waitFor();
  assert.equal(await anna.getByRole('button', { name: 'Invia' }).isDisabled(), true);
  await fac.getByRole('button', { name: 'Riapri gli invii' }).click();
  await anna.getByRole('button', { name: 'Invia' }).and(anna.locator(':enabled')).waitFor();

  // Voting: the budget is shown and spent.
  await fac.getByLabel('Fase').selectOption('vote');
  await anna.locator('#budget', { hasText: 'Sostegni rimasti: 5' }).waitFor();
  await card(anna, 'Corsi di formazione').getByRole('button', { name: /^Sostieni/ }).click();
  await anna.locator('#budget', { hasText: 'Sostegni rimasti: 4' }).waitFor();
  await card(bruno, 'Corsi di formazione').locator('.supports', { hasText: '1' }).waitFor();
  // One support per contribution (the meeting's default): the button is off now.
  assert.equal(await card(anna, 'Corsi di formazione').getByRole('button', { name: /^Sostieni/ }).isDisabled(), true);
  await card(anna, 'Corsi di formazione').getByRole('button', { name: /^Togli il sostegno/ }).click();
  await anna.locator('#budget', { hasText: 'Sostegni rimasti: 5' }).waitFor();
  // Staff do not vote.
  assert.equal(await card(fac, 'Corsi di formazione').getByRole('button', { name: /^Sostieni/ }).count(), 0);
  await checkAccessibility(anna, 'the vote phase, participant');
  await screenshot(anna, 'vote-participant');

  // Who is connected, and removing someone.
  await fac.getByText(/^Chi è connesso/).click();
  const bruno_row = fac.locator('#people-list li', { hasText: 'Bruno · ASL Bari' });
  await bruno_row.getByRole('button', { name: /Allontana Bruno/ }).click();
  await bruno_row.getByRole('button', { name: /^Conferma: allontana .* Bruno/ }).click();
  await bruno.locator('#join-error', { hasText: 'Sei stato rimosso da questo incontro' }).waitFor();
  await checkAccessibility(fac, 'the facilitator with moderation');
  await screenshot(fac, 'vote-facilitator');
});
