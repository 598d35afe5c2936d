// A save people can see: a short "Salvato ✓" next to the control that was
// saved, which goes after a few seconds, and the same news said to screen
// readers through the page's live region (one announcement, not two: the
// visible mark is not a live region itself).
import { announce } from './dom.js';

const shownFor = 4000; // long enough to be read, short enough not to go stale
const timers = new WeakMap();

// Shows `mark` (visible text, e.g. "Salvato ✓") in the element `where` and
// announces `said` (what the screen reader hears, e.g. "Impostazioni salvate").
export function showSaved(where, mark, said) {
  if (!where) return;
  clearTimeout(timers.get(where));
  where.textContent = mark;
  where.dataset.state = 'saved';
  announce(said ?? mark);
  // Gone after a while, at once: a mark half faded would be text of too
  // little contrast for as long as the fade lasts.
  timers.set(where, setTimeout(() => clearSaved(where), shownFor));
}

export function clearSaved(where) {
  if (!where) return;
  clearTimeout(timers.get(where));
  where.textContent = '';
  delete where.dataset.state;
}
