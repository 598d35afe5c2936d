// What the coordinator views share: who is signed in, the communities (loaded
// once, so a link shows a community's name), the review's filters, and act(),
// which runs a button's request, shows its error or redraws the view and
// marks the save. The entry registers how to redraw (its router).
import { t } from '../i18n.js';
import { showSaved } from '../ui/saved.js';
import { api } from './api.js';
import { showError } from './dom.js';

export const thisYear = new Date().getFullYear();

let redrawView = async () => {};
export function setRedraw(fn) {
  redrawView = fn;
}
export function redraw() {
  return redrawView();
}

export const state = { coordinator: null, communities: [], contributionFilter: { page: 1 } };

// Every community, loaded once: a link to a community shows its name, never its slug.
export async function loadCommunities() {
  if (!state.communities.length) state.communities = (await api('GET', '/api/v1/communities')).communities;
  return state.communities;
}

export function communityName(slug) {
  return state.communities.find((c) => c.slug === slug)?.name ?? slug;
}

// Runs an action from a button: errors shown, the view redrawn on success.
// With `saved` ({key, said}), the redrawn view's mark for `key` (saveMark)
// shows "Salvato ✓" and screen readers hear `said`, unless `done` answers
// false (nothing was saved: a conflict is shown instead).
export async function act(run, done = () => redraw(), saved = null) {
  showError(null);
  try {
    const result = await run();
    if (await done(result) === false) return;
    if (saved) showSaved(document.querySelector(`[data-save="${saved.key}"]`), t('saved_mark'), saved.said);
  } catch (err) {
    showError(err);
  }
}
