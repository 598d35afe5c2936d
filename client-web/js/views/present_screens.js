// The presenter's screens, one per moment of the meeting, each drawn from
// what a participant may see (meeting/peer_view.js `asPeer`), never from the
// staff's own state: lobby and collect, the way in (code, link, QR code) and
// a wall of the newest contributions; cluster, the board's groups as columns
// (read only); vote and plan, the results; closed, a closing screen. Large
// type and no controls: views/present.js's header says why.
import { t, tn } from '../i18n.js';
import { boardView, results } from '../meeting/state.js';
import { asPeer, sealed, sealedCount, wall } from '../meeting/peer_view.js';
import { shownCode } from '../meeting/route.js';
import { element } from '../ui/dom.js';
import { drawQr, joinLink } from './staff.js';
import { resultsLists } from './results.js';

// As much as a 1920×1080 screen holds in large type.
const wallSize = 9;
// The board's columns hold fewer cards as there are more groups, so that two
// rows of columns still fit the screen; past twelve columns, the rest are
// counted.
const maxColumns = 12;
function cardsPerColumn(columns) {
  if (columns <= 5) return 4;
  if (columns <= 8) return 2;
  return 1;
}

const screenOf = { lobby: 'welcome', collect: 'welcome', cluster: 'board', vote: 'results', plan: 'results', closed: 'closed' };

// Draws the meeting's screen in `body`; returns the screen's name.
export function renderScreen(body, state) {
  const name = screenOf[state.meeting.phase] ?? 'welcome';
  const peer = asPeer(state);
  const parts = name === 'welcome' ? welcome(state, peer)
    : sealed(state) ? [sealedNote(state)]
    : name === 'board' ? board(peer)
    : name === 'results' ? resultsScreen(peer)
    : closing(peer);
  body.replaceChildren(...parts);
  return name;
}

const section = (className, id, title, ...children) => {
  const heading = element('h2', 'present-heading', title);
  heading.id = id;
  const el = element('section', className, heading, ...children);
  el.setAttribute('aria-labelledby', id);
  return el;
};

// --- lobby and collect ---------------------------------------------------------

// The way in is drawn once and kept: its QR code is not drawn again at every
// contribution.
let invite = null;
function invitePanel() {
  const link = joinLink();
  if (invite?.dataset.link === link) return invite;
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('role', 'img');
  svg.setAttribute('aria-label', t('present_qr'));
  svg.classList.add('present-qr');
  drawQr(svg, link);
  invite = section('present-invite', 'present-invite-title', t('present_join_title'),
    element('p', 'present-label', t('join_code')),
    element('p', 'present-code', shownCode(link.split('/').pop())),
    element('p', 'present-join-link', link),
    svg,
    element('p', 'present-how', t('present_join_how')));
  invite.dataset.link = link;
  return invite;
}

function welcome(state, peer) {
  const panel = invitePanel();
  // The language may have changed since it was drawn.
  panel.querySelector('h2').textContent = t('present_join_title');
  panel.querySelector('.present-label').textContent = t('join_code');
  panel.querySelector('.present-how').textContent = t('present_join_how');
  panel.querySelector('svg').setAttribute('aria-label', t('present_qr'));
  if (state.meeting.phase === 'lobby') {
    return [element('div', 'present-lobby', panel,
      element('p', 'present-lead', t('present_waiting')),
      element('p', 'present-lead muted', tn('presence', state.presence.count)))];
  }
  const cards = sealed(state) ? [sealedNote(state)] : wallOf(peer);
  return [element('div', 'present-collect', panel,
    section('present-wall', 'present-wall-title', t('present_wall_title'), ...cards))];
}

// Cards already on the wall: one arriving later is marked for the eye (not
// those there when the screen opened).
const shownOnWall = new Set();
let wallDrawn = false;
function wallOf(peer) {
  const { cards, more } = wall(peer, wallSize);
  const first = !wallDrawn;
  wallDrawn = true;
  if (cards.length === 0) return [element('p', 'present-lead muted', t('present_wall_empty'))];
  const ol = element('ol', 'wall');
  for (const c of cards) {
    const li = element('li', first || shownOnWall.has(c.id) ? 'wall-card' : 'wall-card fresh',
      element('p', 'wall-kind', t(`kind_${c.kind}`)),
      element('p', 'wall-text', c.text));
    if (c.author) li.append(element('p', 'wall-author', c.author.organization || c.author.name));
    li.dataset.id = c.id;
    li.dataset.kind = c.kind;
    shownOnWall.add(c.id);
    ol.append(li);
  }
  const parts = [ol];
  if (more) parts.push(element('p', 'result-more', tn('results_more_items', more)));
  return parts;
}

// Private writing before the reveal: how many, never what.
function sealedNote(state) {
  return element('div', 'present-sealed',
    element('p', 'present-lead', t('present_sealed')),
    element('p', 'present-big', tn('present_sealed_count', sealedCount(state))));
}

// --- cluster ---------------------------------------------------------------------

function board(peer) {
  const view = boardView(peer);
  if (view.groups.length === 0) {
    return [section('present-board', 'present-board-title', t('groups_title'),
      element('p', 'present-lead muted', t('present_board_empty')),
      element('p', 'present-big', tn('group_members', peer.contributions.size)))];
  }
  const columns = element('ol', 'board-columns');
  const count = view.groups.length + (view.loose.length ? 1 : 0);
  const cards = cardsPerColumn(Math.min(count, maxColumns));
  const shown = count > maxColumns ? view.groups.slice(0, maxColumns - 1) : view.groups;
  for (const g of shown) columns.append(column(`present-group-${g.id}`, g.title, g.members, peer, g.objective, cards));
  if (view.loose.length && shown.length + 1 <= maxColumns) {
    columns.append(column('present-group-none', t('ungrouped_title'), view.loose, peer, null, cards));
  }
  // One row up to six columns, then two balanced rows.
  const placed = columns.children.length;
  columns.style.setProperty('--columns', String(placed <= 6 ? placed : Math.ceil(placed / 2)));
  const parts = [columns];
  if (shown.length < view.groups.length) parts.push(element('p', 'result-more', tn('present_more_groups', view.groups.length - shown.length)));
  return [section('present-board', 'present-board-title', t('groups_title'), ...parts)];
}

function column(id, title, members, peer, objective, cards) {
  const heading = element('h3', 'column-title', title);
  heading.id = id;
  const li = element('li', 'board-column', heading, element('p', 'column-count', tn('group_members', members.length)));
  li.setAttribute('aria-labelledby', id);
  if (objective) li.append(element('p', 'column-objective', t('group_promoted')));
  const ul = element('ul', 'column-cards');
  for (const cid of members.slice(0, cards)) {
    const c = peer.contributions.get(cid);
    const item = element('li', 'column-card', element('span', 'column-text', c.text));
    if (c.author) item.append(element('span', 'column-author', c.author.organization || c.author.name));
    ul.append(item);
  }
  li.append(ul);
  if (members.length > cards) li.append(element('p', 'result-more', tn('results_more_items', members.length - cards)));
  return li;
}

// --- vote and plan ---------------------------------------------------------------

function resultsScreen(peer) {
  const r = results(peer);
  if (r.groups.length === 0 && r.ungrouped.length === 0) {
    // A follow-up meeting's plan phase is about its working groups.
    if (peer.meeting.phase === 'plan' && peer.plan.length) return [planList(peer)];
    return [section('present-results', 'present-results-title', t('results_title'),
      element('p', 'present-lead muted', t('present_results_empty')))];
  }
  return [section('present-results', 'present-results-title', t('results_title'),
    ...resultsLists(r, { idPrefix: 'present-result', maxGroups: 3, maxItems: 3, maxLoose: r.groups.length ? 0 : 9 }))];
}

function planList(peer) {
  const ol = element('ol', 'present-plan');
  for (const item of peer.plan) {
    const li = element('li', 'present-plan-item', element('p', 'column-title', item.title));
    const group = item.working_group;
    if (group) {
      // Who volunteered is on every participant's page too.
      li.append(element('p', 'column-count', tn('present_wg_members', group.members.length)),
        element('ul', 'column-cards', ...group.members.map((m) => element('li', 'column-card', m.organization ? `${m.name} · ${m.organization}` : m.name))));
    }
    ol.append(li);
  }
  return section('present-results', 'present-plan-title', t('plan_title'), ol);
}

// --- closed ----------------------------------------------------------------------

function closing(peer) {
  const r = results(peer);
  const total = [...peer.contributions.values()].reduce((sum, c) => sum + (c.supports ?? 0), 0);
  const figures = element('ul', 'present-figures',
    element('li', '', tn('group_members', peer.contributions.size)),
    element('li', '', tn('present_groups', peer.board.groups.length)),
    element('li', '', tn('supports', total)));
  const parts = [element('p', 'present-lead', t('present_closed_text')), figures];
  if (total > 0) {
    parts.push(element('h3', 'results-subtitle', t('present_closed_top')),
      ...resultsLists(r, { idPrefix: 'present-closing', maxGroups: 3, maxItems: 0, maxLoose: r.groups.length ? 0 : 3 }));
  }
  return [section('present-closed', 'present-closed-title', t('present_closed_title'), ...parts)];
}
