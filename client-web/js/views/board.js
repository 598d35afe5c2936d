// The cluster board: the groups the engine or the facilitator made, as
// columns of cards side by side, with "Senza gruppo" first; each column says
// its count, support total and keywords. Staff drag cards between columns in
// the cluster phase; every card and group also has a compact actions menu
// (move, split, merge, rename, promote) that works from the keyboard.
// Participants see the same columns, read-only.
import { t, tn } from '../i18n.js';
import { boardView } from '../meeting/state.js';
import { loadSortable } from '../lazy.js';
import { $, element, keepingFocus } from '../ui/dom.js';
import { errorText } from '../ui/format.js';
import { actionsMenu, closeMenu, openMenuState, reopenMenu } from '../ui/menu.js';
import { send, session, staff } from '../session.js';

// What the facilitator is in the middle of, kept across redraws: the group
// whose title is being edited (and the text typed so far), and the cards
// picked to leave their group together (id -> the group it was picked in).
let renaming = null; // { group, title }
const picked = new Map();

const short = (text) => (text.length > 60 ? `${text.slice(0, 60)}…` : text);

// Shown once there are groups, or in a kick-off's cluster phase.
export function renderGroups() {
  const { meeting, board } = session.state;
  if (!meeting) return;
  const phase = meeting.phase;
  const shown = board.groups.length > 0 || (meeting.kind !== 'followup' && phase === 'cluster');
  $('groups-view').hidden = !shown;
  if (!shown) return;
  $('groups-view').classList.toggle('board-wide', phase === 'cluster');
  const editable = staff() && phase === 'cluster';
  const ctx = { view: boardView(session.state), editable, promotable: staff() && (phase === 'cluster' || phase === 'plan') };
  $('cluster-run').hidden = !editable;
  // Staff reach the columns through their menus; for anyone else the board
  // itself takes the focus, so that the keyboard can scroll it.
  if (editable) $('group-board').removeAttribute('tabindex');
  else $('group-board').tabIndex = 0;
  // A run's outcome is said until the board changes again.
  if (runStatus?.board && runStatus.board !== board) runStatus = null;
  $('cluster-status').textContent = editable && runStatus ? runStatus.text() : '';
  prune(ctx);
  const menu = openMenuState();
  keepingFocus($('groups-view'), () => {
    closeMenu();
    $('groups-list').replaceChildren(...ctx.view.groups.map((g) => groupColumn(g, ctx)));
    $('ungrouped').hidden = phase !== 'cluster' && ctx.view.loose.length === 0;
    $('ungrouped-meta').textContent = tn('group_members', ctx.view.loose.length);
    $('ungrouped').querySelector('.members').replaceWith(memberList(ctx.view.loose, null, ctx));
  });
  reopenMenu($('groups-view'), menu);
}

// Forgets picks whose card left its group, and edits of a group gone or
// out of the facilitator's hands (another phase).
function prune({ view, editable }) {
  const groupOf = new Map(view.groups.filter((g) => !g.objective).flatMap((g) => g.members.map((id) => [id, g.id])));
  for (const [id, group] of picked) if (!editable || groupOf.get(id) !== group) picked.delete(id);
  if (renaming && (!editable || !view.groups.some((g) => g.id === renaming.group && !g.objective))) renaming = null;
}

function groupColumn(g, ctx) {
  const li = element('li', g.objective ? 'group group-column promoted' : 'group group-column');
  li.dataset.group = g.id;
  li.setAttribute('aria-labelledby', `group-${g.id}`);
  // While renamed, the title is a field in place of the menu; the heading
  // stays for screen readers, which name the column by it.
  const editing = renaming?.group === g.id;
  const title = element('h3', editing ? 'visually-hidden' : '', g.title);
  title.id = `group-${g.id}`;
  const head = element('div', 'column-head', title);
  const menu = editing ? renameForm(g) : groupMenu(g, ctx);
  if (menu) head.append(menu);
  li.append(head);
  if (g.objective) li.append(element('p', 'badge objective', t('group_promoted')));
  li.append(element('p', 'group-meta', [tn('group_members', g.members.length),
    g.supports ? tn('supports', g.supports) : ''].filter(Boolean).join(' · ')));
  if (g.keywords?.length) li.append(element('p', 'group-keywords', t('group_keywords', { words: g.keywords.join(', ') })));
  li.append(memberList(g.members, g, ctx));
  return li;
}

function groupMenu(g, ctx) {
  const items = [];
  const open = !g.objective;
  const others = ctx.view.groups.filter((o) => o.id !== g.id && !o.objective);
  if (ctx.editable && open) {
    items.push({ key: `rename:${g.id}`, text: t('group_rename'), run: () => startRename(g) });
    const chosen = g.members.filter((id) => picked.has(id));
    if (chosen.length > 0 && chosen.length < g.members.length) {
      items.push({ key: `split:${g.id}`, text: tn('group_split_picked', chosen.length),
        run: () => {
          chosen.forEach((id) => picked.delete(id));
          boardRequest('group_split', { group: g.id, ids: chosen });
        } });
    }
    if (others.length) {
      items.push({ group: t('group_merge_into'), items: others.map((o) => ({ key: `merge:${g.id}:${o.id}`, text: o.title,
        run: () => boardRequest('group_merge', { keep: o.id, groups: [g.id] }) })) });
    }
  }
  if (ctx.promotable && open) {
    items.push({ key: `promote:${g.id}`, text: t('group_promote'), run: () => boardRequest('group_promote', { group: g.id }) });
  }
  if (!items.length) return null;
  return actionsMenu({ key: `group:${g.id}`, label: t('group_actions', { title: g.title }), items });
}

// The cards of one column; `g` is their group (null: no group).
function memberList(ids, g, ctx) {
  const { contributions, board } = session.state;
  const ul = element('ul', 'members');
  ul.dataset.empty = t(ctx.editable ? 'column_drop' : 'empty_column');
  for (const id of ids) {
    const c = contributions.get(id);
    const li = element('li', picked.has(id) ? 'board-card picked' : 'board-card', element('p', 'text', c.text));
    li.dataset.id = id;
    const meta = [];
    if (c.author) meta.push(c.author.organization || c.author.name);
    if (c.supports) meta.push(tn('supports', c.supports));
    const info = element('p', 'card-meta', meta.join(' · '));
    if (ctx.editable && id in board.pins) info.append(element('span', 'pinned', t('pinned')));
    if (picked.has(id)) info.append(element('span', 'pick-mark', t('card_picked')));
    li.append(info);
    if (ctx.editable) li.append(cardMenu(c, g, ctx));
    ul.append(li);
  }
  if (ctx.editable) makeDraggable(ul);
  return ul;
}

function cardMenu(c, g, ctx) {
  const targets = ctx.view.groups.filter((o) => o.id !== g?.id)
    .map((o) => ({ key: `move:${c.id}:${o.id}`, text: o.title, run: () => boardRequest('group_move', { contribution: c.id, group: o.id }) }));
  if (g) targets.push({ key: `move:${c.id}:`, text: t('ungrouped_title'), run: () => boardRequest('group_move', { contribution: c.id, group: null }) });
  const items = [];
  if (targets.length) items.push({ group: t('move_to'), items: targets });
  if (g && !g.objective && g.members.length > 1) {
    items.push({ key: `split-one:${c.id}`, text: t('card_new_group'), run: () => boardRequest('group_split', { group: g.id, ids: [c.id] }) });
    items.push({ key: `pick:${c.id}`, text: t('card_pick'), checked: picked.has(c.id), run: () => togglePick(c.id, g.id) });
  }
  // An off-topic or offending card can go while grouping too (the columns by
  // kind, with their own actions, are not shown in this phase).
  items.push({ key: `hide:${c.id}`, text: t('hide'), run: () => boardRequest('hide', { id: c.id }) });
  return actionsMenu({ key: `card:${c.id}`, label: t('card_actions', { text: short(c.text) }), items });
}

function togglePick(id, group) {
  if (picked.has(id)) picked.delete(id);
  else picked.set(id, group);
  renderGroups();
}

// Drag and drop between columns; each card's menu is the keyboard and
// screen-reader way to do the same move. On a touch screen a card is held
// a moment before it moves, so a thumb can still scroll the columns.
function makeDraggable(ul) {
  loadSortable().then((Sortable) => {
    if (!ul.isConnected) return;
    Sortable.create(ul, {
      group: 'board',
      sort: false,
      forceFallback: true,
      delay: 250,
      delayOnTouchOnly: true,
      filter: '.menu',
      preventOnFilter: false,
      onStart: closeMenu,
      onAdd(evt) {
        const id = evt.item.dataset.id;
        const group = evt.to.closest('[data-group]')?.dataset.group ?? '';
        // The board event redraws the board; a refused move puts the card back.
        boardRequest('group_move', { contribution: id, group: group || null }).then(() => {
          if ($('groups-error').textContent) renderGroups();
        });
      },
    });
    ul.dataset.sortable = 'ready';
  });
}

function startRename(g) {
  renaming = { group: g.id, title: g.title };
  renderGroups();
  $(`rename-${g.id}`)?.focus();
  $(`rename-${g.id}`)?.select();
}

// The title edited in place: Enter saves, Escape gives up; either way the
// focus goes back to the group's menu button.
function renameForm(g) {
  const input = element('input', 'form-control form-control-sm');
  input.type = 'text';
  input.id = `rename-${g.id}`;
  input.dataset.key = `rename-field:${g.id}`;
  input.value = renaming.title;
  input.maxLength = session.state.limits?.max_title_chars ?? 200;
  input.setAttribute('aria-label', t('group_rename_label'));
  input.addEventListener('input', () => { if (renaming) renaming.title = input.value; });
  const done = () => {
    renaming = null;
    renderGroups();
    document.querySelector(`[data-key="${CSS.escape(`menu:group:${g.id}`)}"]`)?.focus();
  };
  input.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape') return;
    e.preventDefault();
    done();
  });
  const save = element('button', 'btn btn-primary btn-sm', t('save'));
  save.type = 'submit';
  const cancel = element('button', 'btn btn-link btn-sm', t('cancel'));
  cancel.type = 'button';
  cancel.addEventListener('click', done);
  const form = element('form', 'rename', input, save, cancel);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const title = input.value.trim();
    if (title && title !== g.title) boardRequest('group_rename', { group: g.id, title });
    done();
  });
  return form;
}

function boardRequest(type, fields) {
  $('groups-error').textContent = '';
  return send(type, fields).catch((err) => { $('groups-error').textContent = errorText(err); });
}

// The clustering's state line, as a function so it follows the language;
// `board` is the board it speaks of (none while the run is under way).
let runStatus = null;
function showRunStatus(text, board = null) {
  runStatus = text ? { text, board } : null;
  $('cluster-status').textContent = text ? text() : '';
}

export function runClustering() {
  $('cluster-run').disabled = true;
  showRunStatus(() => t('cluster_running'));
  $('groups-error').textContent = '';
  send('cluster_run', {})
    .then((r) => showRunStatus(() => t('cluster_done', { groups: tn('groups_count', r.groups), ungrouped: tn('group_members', r.ungrouped) }),
      session.state.board))
    .catch((err) => { showRunStatus(null); $('groups-error').textContent = errorText(err); })
    .finally(() => { $('cluster-run').disabled = false; });
}
