// The vote's results, shown to everyone in `vote` and `plan`: groups and
// contributions ranked by supports (meeting/state.js `results`), updated as
// supports arrive. Every figure is text in an ordered list; the bar drawn
// from it is decoration (aria-hidden), so the list reads the same without
// it. A participant's own supports are told apart from the total and drawn
// as the darker part of the bar. The presenter's screen draws the same list,
// larger and shortened.
import { t, tn } from '../i18n.js';
import { results } from '../meeting/state.js';
import { $, element } from '../ui/dom.js';
import { session, staff } from '../session.js';

export const resultsPhase = (meeting) => meeting?.phase === 'vote' || meeting?.phase === 'plan';

// Many supports may arrive at once in a large meeting: the list is drawn at
// most once per `drawEveryMs` (a timer, not an animation frame, so that a tab
// in the background still follows).
const drawEveryMs = 100;
let drawTimer = null;
export function renderResults() {
  drawTimer ??= setTimeout(() => {
    drawTimer = null;
    drawResults();
  }, drawEveryMs);
}

function drawResults() {
  const state = session.state;
  const view = $('results-view');
  const r = resultsPhase(state.meeting) ? results(state) : null;
  view.hidden = !r || (r.groups.length === 0 && r.ungrouped.length === 0);
  if (view.hidden) return;
  const showMine = !staff();
  $('results-mine-note').hidden = !showMine || !Object.values(state.you?.supports ?? {}).some((n) => n > 0);
  $('results-body').replaceChildren(...resultsLists(r, { showMine, idPrefix: 'result' }));
}

// "3 sostegni, 1 tuo": the total, and apart what this participant gave.
export function figureText(supports, mine, showMine) {
  const total = tn('supports', supports);
  return showMine && mine > 0 ? `${total}, ${tn('supports_mine', mine)}` : total;
}

// The ranked lists of `r` (a `results` value): groups with their
// contributions, then the contributions in no group. Options: showMine;
// idPrefix for heading ids; maxGroups, maxItems (per group) and maxLoose
// (in no group) shorten the lists for the presenter's screen, saying how
// many more there are (within a group its count says it already).
export function resultsLists(r, {
  showMine = false, idPrefix = 'result', maxGroups = Infinity, maxItems = Infinity, maxLoose = Infinity,
} = {}) {
  const parts = [];
  if (r.groups.length) {
    const ol = element('ol', 'results-list');
    for (const g of r.groups.slice(0, maxGroups)) ol.append(groupEntry(g, r, { showMine, idPrefix, maxItems }));
    parts.push(ol);
    if (r.groups.length > maxGroups) parts.push(moreNote(tn('results_more_groups', r.groups.length - maxGroups)));
  }
  if (r.ungrouped.length && maxLoose > 0) {
    const id = `${idPrefix}-ungrouped`;
    const heading = element('h3', 'results-subtitle', t(r.groups.length ? 'results_ungrouped' : 'results_contributions'));
    heading.id = id;
    const section = element('section', 'results-loose', heading,
      itemList(r.ungrouped, r.topContribution, showMine, maxLoose));
    section.setAttribute('aria-labelledby', id);
    parts.push(section);
  }
  return parts;
}

function groupEntry(g, r, { showMine, idPrefix, maxItems }) {
  const li = element('li', 'result result-group');
  const headingId = `${idPrefix}-${g.id}`;
  const heading = element('h3', 'result-title', g.title);
  heading.id = headingId;
  li.setAttribute('aria-labelledby', headingId);
  li.dataset.group = g.id;
  li.append(
    element('div', 'result-head', heading,
      element('p', 'result-figure', figureText(g.supports, g.mine, showMine),
        element('span', 'result-count', ` · ${tn('group_members', g.contributions.length)}`))),
    bar(g.supports, g.mine, r.topGroup, showMine),
  );
  if (maxItems > 0) li.append(itemList(g.contributions, r.topContribution, showMine, maxItems, false));
  return li;
}

function itemList(items, top, showMine, max, sayMore = true) {
  const ol = element('ol', 'result-items');
  for (const c of items.slice(0, max)) {
    const li = element('li', 'result result-item',
      element('p', 'result-text', c.text),
      element('p', 'result-figure', figureText(c.supports, c.mine, showMine)),
      bar(c.supports, c.mine, top, showMine));
    li.dataset.id = c.id;
    li.dataset.kind = c.kind;
    ol.append(li);
  }
  if (sayMore && items.length > max) ol.append(element('li', 'result-more', tn('results_more_items', items.length - max)));
  return ol;
}

// A bar as long as `supports` is of `top`; this participant's part of it
// darker. Widths through the CSSOM: no markup from strings.
function bar(supports, mine, top, showMine) {
  const share = (n) => `${Math.min(100, (100 * n) / top).toFixed(1)}%`;
  const own = showMine ? Math.min(mine, supports) : 0;
  const others = element('span', 'result-fill');
  others.style.width = share(supports - own);
  const fill = [others];
  if (own > 0) {
    const mineFill = element('span', 'result-fill mine');
    mineFill.style.width = share(own);
    fill.push(mineFill);
  }
  const track = element('div', 'result-bar', ...fill);
  track.setAttribute('aria-hidden', 'true');
  return track;
}

const moreNote = (text) => element('p', 'result-more', text);
