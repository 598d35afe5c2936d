// The cluster phase in real Chromium: the groups are the board, columns of
// cards side by side; the contribution form and the columns by kind are gone.
// A facilitator moves, splits, renames, merges and promotes with the keyboard
// alone through each card's and group's actions menu; a participant sees
// every change live, read-only, with counts that agree in number, in Italian
// and in English. Screenshots at 1280×800 and 360×740.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { checkAccessibility, joinAs, screenshot, serverAndBrowserPerFile, facilitate } from './support.mjs';

const env = serverAndBrowserPerFile({ before, after });

const texts = [
  'Telemedicina per i pazienti cronici nelle zone di montagna',
  'I medici di base non ricevono i referti digitali dagli ospedali',
  'Fascicolo sanitario elettronico poco usato dai cittadini',
  'Le scuole hanno laboratori informatici vecchi e lenti',
  'Insegnanti da formare sulla didattica con strumenti digitali',
  'Registro elettronico e comunicazioni scuola-famiglia in una sola app',
];

const column = (page, id) => page.locator(`#groups-list .group[data-group="${id}"]`);
const cardIn = (page, text) => page.locator('#group-board .board-card', { has: page.locator('.text', { hasText: text }) });
const groupOf = (page, text) => page.locator('#groups-list .group', { has: page.locator('.board-card .text', { hasText: text }) }).getAttribute('data-group');
const focusedText = (page) => page.evaluate(() => document.activeElement?.textContent ?? '');

// Opens a menu from its button with the keyboard, walks down with the arrow
// key to the item named `item` and presses Enter: no mouse at all.
async function chooseByKeyboard(page, menuButton, item) {
  await menuButton.focus();
  await page.keyboard.press('Enter');
  assert.equal(await menuButton.getAttribute('aria-expanded'), 'true');
  const first = await focusedText(page);
  for (let i = 0; i < 30; i += 1) {
    if ((await focusedText(page)).trim() === item) {
      await page.keyboard.press('Enter');
      return;
    }
    await page.keyboard.press('ArrowDown');
    if ((await focusedText(page)) === first) break;
  }
  assert.fail(`no menu item "${item}"`);
}

const cardMenu = (page, text) => cardIn(page, text).getByRole('button', { name: /^(Azioni|Actions): / });
const groupMenu = (page, id) => column(page, id).locator('.column-head').getByRole('button', { name: /^Azioni del gruppo/ });
const titleOf = async (page, id) => (await column(page, id).locator('h3').first().textContent()).trim();

test('the groups are the board: keyboard-only actions through menus, seen live by a participant', async () => {
  const anna = await joinAs(await env.browser.newContext({ viewport: { width: 1280, height: 800 } }), env.server,
    { name: 'Anna', organization: 'Comune di Lecce' });
  for (const text of texts) {
    await anna.getByLabel('Testo').fill(text);
    await anna.getByRole('button', { name: 'Invia' }).click();
  }
  await anna.locator('.cards li').nth(texts.length - 1).waitFor();
  const fac = await facilitate(await env.browser.newContext({ viewport: { width: 1280, height: 800 } }), env.server);
  assert.equal(await anna.locator('#staff-controls').isVisible(), false);
  assert.equal(await anna.locator('#submit-form').isVisible(), true);

  // In cluster the form and the columns by kind are not shown to anyone;
  // every card waits in "Senza gruppo" until the first run.
  await fac.getByLabel('Fase').selectOption('cluster');
  await anna.locator('#meeting-phase', { hasText: 'Raggruppamento' }).waitFor();
  for (const page of [anna, fac]) {
    await page.locator('#submit-form').waitFor({ state: 'hidden' });
    await page.locator('#board').waitFor({ state: 'hidden' });
    await page.locator('#ungrouped .group-meta', { hasText: '6 contributi' }).waitFor();
  }
  await fac.getByRole('button', { name: 'Raggruppa i contributi' }).click();
  await fac.locator('#cluster-status', { hasText: 'gruppi' }).waitFor();
  // The run's outcome is a live string: it follows the language.
  await fac.getByRole('button', { name: 'English' }).click();
  await fac.locator('#cluster-status', { hasText: / groups?, \d+ contributions? in no group$/ }).waitFor();
  await fac.getByRole('button', { name: 'Italiano' }).click();
  await fac.locator('#cluster-status', { hasText: / gruppi, \d+ contribut[oi] senza gruppo$/ }).waitFor();

  // Both pages show the same columns, side by side; every text once.
  await anna.locator('#groups-list .group').first().waitFor();
  const groups = await fac.locator('#groups-list .group').count();
  assert.ok(groups >= 2, `expected at least two groups, got ${groups}`);
  assert.equal(await anna.locator('#groups-list .group').count(), groups);
  for (const text of texts) assert.equal(await cardIn(anna, text).count(), 1, text);
  const [a, b] = [await column(fac, await groupOf(fac, texts[0])).boundingBox(), await column(fac, await groupOf(fac, texts[3])).boundingBox()];
  assert.ok(Math.abs(a.y - b.y) < 2 && a.x !== b.x, 'groups are columns in one row');
  // Participants get no menus and no dragging.
  assert.equal(await anna.locator('#group-board .menu-button').count(), 0);
  assert.equal(await anna.locator('#group-board [data-sortable]').count(), 0);

  const health = await groupOf(anna, texts[0]);
  const school = await groupOf(anna, texts[3]);
  assert.notEqual(health, school);

  // Escape closes a menu and gives the focus back to its button.
  const menu = cardMenu(fac, texts[4]);
  await menu.focus();
  await fac.keyboard.press('Enter');
  await fac.locator('.menu-list:not([hidden])').waitFor();
  assert.equal(await fac.evaluate(() => document.activeElement.getAttribute('role')), 'menuitem');
  // Arrows wrap around; End and Home go to the last and the first item.
  const items = await fac.locator('.menu-list:not([hidden]) [role^="menuitem"]').allTextContents();
  assert.equal(await focusedText(fac), items[0]);
  await fac.keyboard.press('ArrowUp');
  assert.equal(await focusedText(fac), items.at(-1));
  await fac.keyboard.press('ArrowDown');
  assert.equal(await focusedText(fac), items[0]);
  await fac.keyboard.press('End');
  assert.equal(await focusedText(fac), items.at(-1));
  await fac.keyboard.press('Home');
  assert.equal(await focusedText(fac), items[0]);
  await fac.keyboard.press('Escape');
  await fac.locator('.menu-list:not([hidden])').waitFor({ state: 'detached' });
  assert.equal(await menu.getAttribute('aria-expanded'), 'false');
  assert.equal(await fac.evaluate(() => document.activeElement.getAttribute('aria-haspopup')), 'menu');

  // A school text split off alone: a new group of "1 contributo".
  const schoolCount = await column(fac, school).locator('.board-card').count();
  await chooseByKeyboard(fac, cardMenu(fac, texts[4]), 'Nuovo gruppo con questo contributo');
  await anna.locator('#groups-list .group').nth(groups).waitFor();
  const alone = await groupOf(anna, texts[4]);
  assert.ok(![health, school].includes(alone));
  await column(anna, alone).locator('.group-meta', { hasText: /^1 contributo$/ }).waitFor();
  // It said what the run made; once the board changes it is no longer true.
  assert.equal(await fac.locator('#cluster-status').textContent(), '');
  await column(anna, school).locator('.group-meta', { hasText: new RegExp(`^${schoolCount - 1} contribut`) }).waitFor();

  // Another school text moved into it from its menu: "2 contributi", pinned.
  await chooseByKeyboard(fac, cardMenu(fac, texts[5]), await titleOf(fac, alone));
  await column(anna, alone).locator('.group-meta', { hasText: /^2 contributi$/ }).waitFor();
  await column(fac, alone).locator('.board-card', { hasText: texts[5] }).locator('.pinned', { hasText: 'spostato a mano' }).waitFor();
  assert.equal(await anna.locator('#group-board .pinned').count(), 0, 'pins are the facilitator\'s business');

  // Rename in place: the field takes the focus; Enter saves.
  await chooseByKeyboard(fac, groupMenu(fac, alone), 'Rinomina');
  assert.equal(await fac.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Titolo del gruppo');
  await checkAccessibility(fac, 'the cluster board, renaming a group');
  await fac.keyboard.press('Control+A');
  await fac.keyboard.type('Scuola digitale');
  await fac.keyboard.press('Enter');
  await column(anna, alone).locator('h3', { hasText: 'Scuola digitale' }).waitFor();
  assert.equal(await fac.evaluate(() => document.activeElement.getAttribute('aria-haspopup')), 'menu');

  // Merge the first school group into "Scuola digitale".
  const merged = await column(fac, school).locator('.board-card').count();
  await chooseByKeyboard(fac, groupMenu(fac, school), 'Scuola digitale');
  await column(anna, school).waitFor({ state: 'detached' });
  await column(anna, alone).locator('.group-meta', { hasText: new RegExp(`^${2 + merged} contributi$`) }).waitFor();

  // Promote the health group; it is marked for everyone and loses its menu's
  // other actions.
  await chooseByKeyboard(fac, groupMenu(fac, health), 'Crea obiettivo');
  await column(anna, health).locator('.badge.objective', { hasText: 'Obiettivo in bozza creato' }).waitFor();
  await anna.locator('#announcer', { hasText: 'Obiettivo in bozza creato:' }).waitFor();
  await column(fac, health).and(fac.locator('.promoted')).waitFor();
  assert.equal(await groupMenu(fac, health).count(), 0);

  // A second facilitator's change redraws the board under an open menu: it
  // stays open, with the keyboard's place in it.
  const franco = await facilitate(await env.browser.newContext(), env.server, 'Franco');
  await cardMenu(fac, texts[2]).focus();
  await fac.keyboard.press('Enter');
  await fac.keyboard.press('ArrowDown');
  const place = await focusedText(fac);
  await cardMenu(franco, texts[5]).click();
  await franco.getByRole('menuitem', { name: 'Senza gruppo' }).click();
  await cardIn(fac, texts[5]).and(fac.locator('#ungrouped .board-card')).waitFor();
  assert.equal(await cardMenu(fac, texts[2]).getAttribute('aria-expanded'), 'true');
  assert.equal(await focusedText(fac), place);
  await fac.keyboard.press('Escape');
  await franco.context().close();

  // The same board in English, live strings included.
  await column(anna, alone).locator('.group-meta', { hasText: new RegExp(`^${1 + merged} contributi$`) }).waitFor();
  await anna.getByRole('button', { name: 'English' }).click();
  await column(anna, alone).locator('.group-meta', { hasText: new RegExp(`^${1 + merged} contributions$`) }).waitFor();
  await anna.locator('#ungrouped-title', { hasText: 'In no group' }).waitFor();
  await column(anna, health).locator('.badge.objective', { hasText: 'Draft objective created' }).waitFor();
  await fac.getByRole('button', { name: 'English' }).click();
  const loose = await anna.locator('#ungrouped .board-card').count();
  const looseText = (n, one, other) => new RegExp(`^${n} ${n === 1 ? one : other}$`);
  await chooseByKeyboard(fac, cardMenu(fac, texts[3]), 'In no group');
  await anna.locator('#ungrouped .group-meta', { hasText: looseText(loose + 1, 'contribution', 'contributions') }).waitFor();
  await anna.getByRole('button', { name: 'Italiano' }).click();
  await fac.getByRole('button', { name: 'Italiano' }).click();
  await anna.locator('#ungrouped .group-meta', { hasText: looseText(loose + 1, 'contributo', 'contributi') }).waitFor();
  // A card can be hidden from the board itself: it goes for everyone.
  await chooseByKeyboard(fac, cardMenu(fac, texts[3]), 'Nascondi');
  await cardIn(anna, texts[3]).waitFor({ state: 'detached' });
  await cardIn(fac, texts[3]).waitFor({ state: 'detached' });

  await groupMenu(fac, alone).click();
  await fac.getByRole('menuitem', { name: 'Rinomina' }).waitFor();
  await checkAccessibility(fac, 'the cluster board with a menu open');
  await fac.screenshot({ path: new URL('./test-results/cluster-board-menu-1280.png', import.meta.url).pathname });
  await fac.keyboard.press('Escape');
  await checkAccessibility(fac, 'the cluster board, facilitator');
  await checkAccessibility(anna, 'the cluster board, participant');
  await shoot(fac, 'cluster-board-facilitator-1280');
  await shoot(anna, 'cluster-board-participant-1280');

  // A phone: columns scroll sideways, one in sight at a time; the menu opens
  // inside the screen and a tap on an item works.
  for (const page of [fac, anna]) await page.setViewportSize({ width: 360, height: 740 });
  const board = await fac.locator('#group-board').evaluate((el) => ({ client: el.clientWidth, scroll: el.scrollWidth }));
  assert.ok(board.scroll > board.client, 'the columns scroll sideways');
  assert.equal(await fac.evaluate(() => document.documentElement.scrollWidth), 360, 'the page itself does not');
  // A card held at the screen's edge scrolls the columns along.
  await fac.locator('#group-board').scrollIntoViewIfNeeded();
  const held = await fac.locator('#ungrouped .board-card .text').first().boundingBox();
  await fac.mouse.move(held.x + 20, held.y + 10);
  await fac.mouse.down();
  await fac.mouse.move(held.x + 30, held.y + 20, { steps: 5 });
  await fac.mouse.move(352, held.y + 20, { steps: 10 });
  await fac.waitForFunction(() => document.getElementById('group-board').scrollLeft > 50);
  await fac.mouse.move(held.x + 20, held.y + 10, { steps: 10 });
  await fac.mouse.up();
  await fac.locator('#group-board').evaluate((el) => { el.scrollLeft = 0; });
  await cardMenu(fac, texts[1]).click();
  const box = await fac.locator('.menu-list:not([hidden])').boundingBox();
  assert.ok(box.x >= 0 && box.x + box.width <= 360 && box.y >= 0 && box.y + box.height <= 740, JSON.stringify(box));
  await fac.screenshot({ path: new URL('./test-results/cluster-board-menu-360.png', import.meta.url).pathname });
  await fac.locator('.menu-list:not([hidden])').getByRole('menuitem', { name: 'Senza gruppo' }).click();
  await cardIn(anna, texts[1]).and(anna.locator('#ungrouped .board-card')).waitFor();
  await checkAccessibility(fac, 'the cluster board on a phone, facilitator');
  await checkAccessibility(anna, 'the cluster board on a phone, participant');
  await shoot(fac, 'cluster-board-facilitator-360');
  await shoot(anna, 'cluster-board-participant-360');
});

// A full-page screenshot taken from the top, so the sticky header sits above
// the board and not across it.
async function shoot(page, name) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await screenshot(page, name);
}
