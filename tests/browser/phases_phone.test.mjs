// The meeting on a phone and the phases that guide (issue 18, items 5, 6
// and 8) in real Chromium: at 360×740 the sticky header keeps to one line
// (at most 15 % of the height) in every phase; the people list keeps each
// name with its action; in the vote the support button sits beside each
// card; the lobby is a waiting state, not a disabled form; a closed meeting
// says thank you and reopening it asks first; every staff save shows a mark
// beside its control and is said to screen readers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, facilitate, joinAs, screenshot, serverAndBrowserPerFile } from './support.mjs';

const env = serverAndBrowserPerFile({ before, after });

const phone = { viewport: { width: 360, height: 740 } };
const desktop = { viewport: { width: 1280, height: 800 } };

// The sticky part's height, and whether the phase, the timer and the budget
// (those shown) sit on one line.
async function stickyHeader(page) {
  return page.evaluate(() => {
    const box = (el) => el.getBoundingClientRect();
    const shown = ['meeting-phase', 'timer', 'budget'].map((id) => document.getElementById(id))
      .filter((el) => !el.hidden).map(box);
    const tops = shown.map((r) => r.top);
    const bottoms = shown.map((r) => r.bottom);
    return {
      height: box(document.querySelector('.meeting-status')).height,
      oneLine: Math.max(...tops) < Math.min(...bottoms),
      shown: shown.length,
    };
  });
}

async function assertHeaderFits(page, what, { shown }) {
  const { height } = page.viewportSize();
  const header = await stickyHeader(page);
  assert.ok(header.height <= 0.15 * height, `${what}: the sticky header is ${header.height} px of ${height}`);
  assert.equal(header.shown, shown, `${what}: phase, timer and budget shown`);
  assert.ok(header.oneLine, `${what}: phase, timer and budget on one line`);
}

async function setPhase(fac, phase) {
  await fac.getByLabel('Fase').selectOption(phase);
  await fac.locator('#meeting-phase', { hasText: await fac.locator(`#phase-select option[value="${phase}"]`).textContent() }).waitFor();
}

// Each visible form control that is disabled: a waiting participant should
// see none (a message instead of a form they cannot use).
const disabledControls = (page) => page.evaluate(() => [...document.querySelectorAll('#meeting-view button, #meeting-view textarea, #meeting-view input')]
  .filter((el) => el.disabled && el.getClientRects().length > 0).map((el) => el.id || el.textContent));

test('on a phone: a one-line sticky header in every phase, the support button beside each card', async () => {
  const fac = await facilitate(await env.browser.newContext(desktop), env.server);
  await setPhase(fac, 'lobby');

  const anna = await joinAs(await env.browser.newContext(phone), env.server,
    { name: 'Anna Maria', organization: 'Azienda Sanitaria Locale della Provincia di Barletta-Andria-Trani' });
  const bruno = await joinAs(await env.browser.newContext(desktop), env.server, { name: 'Bruno', organization: 'ASL Bari' });

  // The lobby: a waiting state, not a form that cannot be used.
  await anna.locator('#waiting-view', { hasText: "L'incontro inizierà a breve" }).waitFor();
  await anna.locator('#waiting-presence', { hasText: /\d+ persone in attesa/ }).waitFor();
  assert.equal(await anna.locator('#submit-form').isVisible(), false);
  assert.deepEqual(await disabledControls(anna), []);
  await assertHeaderFits(anna, 'lobby at 360×740', { shown: 1 });
  await checkAccessibility(anna, 'the lobby, participant at 360 px');
  await screenshot(anna, 'phone-lobby-participant');
  await checkAccessibility(bruno, 'the lobby, participant at 1280 px');
  await screenshot(bruno, 'lobby-participant');

  // Collecting, with a countdown running.
  await setPhase(fac, 'collect');
  await anna.locator('#waiting-view').waitFor({ state: 'hidden' });
  await anna.locator('#submit-form').waitFor();
  await fac.getByLabel('Timer (minuti)').fill('5');
  await fac.getByRole('button', { name: 'Avvia' }).click();
  await anna.locator('#timer-value', { hasText: /^[45]:\d\d$/ }).waitFor();
  await assertHeaderFits(anna, 'collect at 360×740', { shown: 2 });
  for (const text of ['Fascicolo sanitario elettronico accessibile anche ai medici di base delle zone interne',
    'Formazione sul cloud']) {
    await anna.getByLabel('Testo').fill(text);
    await anna.getByRole('button', { name: 'Invia' }).click();
    await anna.locator('.cards li .text', { hasText: text }).waitFor();
  }
  await checkAccessibility(anna, 'collect, participant at 360 px');
  await screenshot(anna, 'phone-collect-participant');

  // Voting: phase, timer and budget on one line; the support beside each card.
  await setPhase(fac, 'vote');
  await anna.locator('#budget', { hasText: 'Sostegni rimasti: 5' }).waitFor();
  await assertHeaderFits(anna, 'vote at 360×740', { shown: 3 });
  await assertHeaderFits(bruno, 'vote at 1280×800', { shown: 3 });
  // Scrolled down, the line stays at the top of the screen.
  await anna.evaluate(() => window.scrollTo(0, document.body.scrollHeight));
  assert.equal(Math.round(await anna.locator('.meeting-status').evaluate((el) => el.getBoundingClientRect().top)), 0);
  await anna.evaluate(() => window.scrollTo(0, 0));
  for (const page of [anna, bruno]) {
    for (const li of await page.locator('.cards li').all()) {
      const text = await li.locator('.text').boundingBox();
      const support = await li.getByRole('button', { name: /^Sostieni/ }).boundingBox();
      assert.ok(support.x >= text.x + text.width - 1, 'the support button is to the right of the text');
      assert.ok(support.y < text.y + text.height, 'the support button is level with the text, not under it');
    }
  }
  await anna.locator('.cards li', { hasText: 'Formazione sul cloud' }).getByRole('button', { name: /^Sostieni/ }).click();
  await anna.locator('#budget', { hasText: 'Sostegni rimasti: 4' }).waitFor();
  await checkAccessibility(anna, 'the vote, participant at 360 px');
  await screenshot(anna, 'phone-vote-participant');
  await screenshot(bruno, 'vote-participant-desktop');

  // The facilitator on a phone: each name keeps its action on its row.
  await fac.setViewportSize(phone.viewport);
  await fac.getByText(/^Chi è connesso/).click();
  const rows = await fac.locator('#people-list li').filter({ has: fac.getByRole('button') }).all();
  assert.ok(rows.length >= 2);
  for (const row of rows) {
    const place = await row.evaluate((li) => {
      const range = document.createRange();
      range.selectNodeContents(li.querySelector('.who'));
      const firstLine = range.getClientRects()[0];
      const b = li.querySelector('button').getBoundingClientRect();
      return { lineTop: firstLine.top, lineBottom: firstLine.bottom, nameLeft: firstLine.left, buttonMiddle: (b.top + b.bottom) / 2, buttonLeft: b.left };
    });
    assert.ok(place.buttonMiddle >= place.lineTop && place.buttonMiddle <= place.lineBottom,
      `the remove button is on the name's first line (${JSON.stringify(place)})`);
    assert.ok(place.buttonLeft > place.nameLeft);
  }
  await checkAccessibility(fac, 'the people list at 360 px');
  await screenshot(fac, 'phone-people-facilitator');
  await assertHeaderFits(fac, 'vote, facilitator at 360×740', { shown: 2 });
});

test('every staff save shows a mark beside its control and is said to screen readers', async () => {
  const fac = await facilitate(await env.browser.newContext(desktop), env.server);
  const mark = async (id, said) => {
    await fac.locator(`#${id}`, { hasText: 'Salvato ✓' }).waitFor();
    await fac.locator('#announcer', { hasText: said }).waitFor();
  };
  await fac.getByLabel('Fase').selectOption('lobby');
  await mark('phase-saved', 'Fase cambiata: In attesa');
  await fac.getByLabel('Sostegni per partecipante').fill('4');
  await fac.getByRole('button', { name: 'Salva le impostazioni' }).click();
  await mark('settings-saved', 'Impostazioni salvate.');
  await checkAccessibility(fac, 'the lobby with a save confirmed');
  await screenshot(fac, 'lobby-facilitator-saved');

  await fac.getByLabel('Fase').selectOption('collect');
  await mark('phase-saved', 'Fase cambiata: Raccolta dei contributi');
  await fac.getByLabel('Timer (minuti)').fill('2');
  await fac.getByRole('button', { name: 'Avvia' }).click();
  await mark('timer-saved', 'Timer avviato');
  await fac.getByRole('button', { name: 'Ferma' }).click();
  await mark('timer-saved', 'Timer fermato');
  await fac.getByRole('button', { name: 'Blocca gli invii' }).click();
  await mark('lock-saved', 'Invii bloccati');
  await fac.getByRole('button', { name: 'Riapri gli invii' }).click();
  await mark('lock-saved', 'Invii riaperti');
  // The mark fades: it does not stay to mislead about the next change.
  await fac.locator('#lock-saved').waitFor({ state: 'hidden', timeout: 8000 });
});

test('a closed meeting says thank you; reopening it asks first, and cancelling keeps it closed', async () => {
  const fac = await facilitate(await env.browser.newContext(desktop), env.server);
  const anna = await joinAs(await env.browser.newContext(phone), env.server, { name: 'Anna', organization: 'Comune di Lecce' });
  // No countdown left from an earlier test: the closed header shows the phase alone.
  await fac.getByRole('button', { name: 'Ferma' }).click();
  await anna.locator('#timer').waitFor({ state: 'hidden' });
  await setPhase(fac, 'closed');
  await anna.locator('#closed-view', { hasText: 'grazie per aver partecipato' }).waitFor();
  assert.match(await anna.locator('#closed-next').textContent(), /piano di lavoro/);
  assert.equal(await anna.locator('#submit-form').isVisible(), false);
  await assertHeaderFits(anna, 'closed at 360×740', { shown: 1 });
  await checkAccessibility(anna, 'a closed meeting, participant at 360 px');
  await screenshot(anna, 'phone-closed-participant');
  // The closing message switches language with the page.
  await anna.getByRole('button', { name: 'English' }).click();
  await anna.locator('#closed-view', { hasText: 'thank you for taking part' }).waitFor();
  assert.match(await anna.locator('#closed-next').textContent(), /work plan/);
  await anna.getByRole('button', { name: 'Italiano' }).click();
  await anna.locator('#closed-view', { hasText: 'grazie per aver partecipato' }).waitFor();

  // Reopening asks; Escape (or "Lascia chiuso") keeps the meeting closed.
  await fac.getByLabel('Fase').selectOption('collect');
  const confirm = fac.getByRole('group', { name: /L'incontro è chiuso. Riaprirlo e passare a «Raccolta dei contributi»/ });
  await confirm.waitFor();
  assert.equal(await fac.evaluate(() => document.activeElement.id), 'reopen-yes');
  await checkAccessibility(fac, 'reopening a closed meeting, asking first');
  await screenshot(fac, 'reopen-confirm-facilitator');
  await fac.keyboard.press('Escape');
  await confirm.waitFor({ state: 'hidden' });
  assert.equal(await fac.getByLabel('Fase').inputValue(), 'closed');
  await fac.locator('#announcer', { hasText: "L'incontro resta chiuso." }).waitFor();
  await fac.getByLabel('Fase').selectOption('cluster');
  await fac.getByRole('button', { name: 'Lascia chiuso' }).click();
  await confirm.waitFor({ state: 'hidden' });
  // Nothing reached the server: the participant still reads the closing message.
  await anna.waitForTimeout(300);
  assert.equal(await anna.locator('#meeting-phase').textContent(), 'Chiuso');
  assert.equal(await anna.locator('#closed-view').isVisible(), true);

  // Confirmed from the keyboard, it reopens.
  await fac.getByLabel('Fase').selectOption('collect');
  await fac.locator('#reopen-yes').waitFor();
  await fac.keyboard.press('Enter');
  await anna.locator('#meeting-phase', { hasText: 'Raccolta dei contributi' }).waitFor();
  await anna.locator('#closed-view').waitFor({ state: 'hidden' });
  await anna.locator('#submit-form').waitFor();
  await fac.locator('#phase-saved', { hasText: 'Salvato ✓' }).waitFor();
});

test("the facilitator's question: set in the lobby, shown above the form while collecting, to late joiners too", async () => {
  const fac = await facilitate(await env.browser.newContext(phone), env.server);
  await setPhase(fac, 'lobby');
  const early = await joinAs(await env.browser.newContext(desktop), env.server, { name: 'Elena', organization: 'Comune di Matera' });
  const question = 'Quali esigenze ha il vostro ente sulla sanità digitale?';
  await fac.getByLabel('Domanda per i partecipanti').fill(question);
  await fac.getByRole('button', { name: 'Salva la domanda' }).click();
  await fac.locator('#question-saved', { hasText: 'Salvato ✓' }).waitFor();
  await fac.locator('#announcer', { hasText: 'Domanda salvata' }).waitFor();
  // Waiting in the lobby, participants already read it.
  await early.locator('#waiting-question', { hasText: question }).waitFor();
  await checkAccessibility(fac, 'the question in the lobby, facilitator at 360 px');
  await screenshot(fac, 'phone-lobby-question-facilitator');

  await setPhase(fac, 'collect');
  // Someone who joins later sees it, prominently, above the form.
  const late = await joinAs(await env.browser.newContext(phone), env.server, { name: 'Luca', organization: 'ASL Taranto' });
  const shown = late.getByRole('region', { name: "La domanda dell'incontro" });
  await shown.locator('#question-text', { hasText: question }).waitFor();
  const q = await shown.boundingBox();
  const form = await late.locator('#submit-form').boundingBox();
  assert.ok(q.y + q.height <= form.y, 'the question is above the form');
  assert.ok(await late.locator('#question-text').evaluate((el) => parseFloat(getComputedStyle(el).fontSize)) > 18, 'in large type');
  await assertHeaderFits(late, 'collect with a question at 360×740', { shown: 1 });
  await checkAccessibility(late, 'the question while collecting, participant at 360 px');
  await screenshot(late, 'phone-collect-question-participant');

  // Refined while collecting: everyone sees the new wording live.
  await fac.getByLabel('Domanda per i partecipanti').fill('Quali esigenze e quali proposte per la sanità digitale?');
  await fac.getByRole('button', { name: 'Salva la domanda' }).click();
  await late.locator('#question-text', { hasText: 'e quali proposte' }).waitFor();
  await early.locator('#question-text', { hasText: 'e quali proposte' }).waitFor();
  await screenshot(early, 'collect-question-participant');

  // Past the collection the question is kept, no longer edited nor shown over the board.
  await setPhase(fac, 'cluster');
  await fac.locator('#question-form').waitFor({ state: 'hidden' });
  await late.locator('#question-view').waitFor({ state: 'hidden' });
});
