// The cluster board: the groups the engine or the facilitator made, each with
// its visible contributions, support total and keywords; the contributions in
// no group. Staff move (drag and drop, or a select from the keyboard),
// split, merge, rename and promote in the cluster phase.
import { t, tn } from '../i18n.js';
import { boardView } from '../meeting/state.js';
import { loadSortable } from '../lazy.js';
import { $, element, inlineForm, keepingFocus, titledCard } from '../ui/dom.js';
import { errorText } from '../ui/format.js';
import { send, session, staff } from '../session.js';


// Shown once there are groups, or in a kick-off's cluster phase.
export function renderGroups() {
  const { meeting, board } = session.state;
  if (!meeting) return;
  const phase = meeting.phase;
  const shown = board.groups.length > 0 || (meeting.kind !== 'followup' && phase === 'cluster');
  $('groups-view').hidden = !shown;
  if (!shown) return;
  const editable = staff() && phase === 'cluster';
  const promotable = staff() && (phase === 'cluster' || phase === 'plan');
  $('cluster-run').hidden = !editable;
  const view = boardView(session.state);
  keepingFocus($('groups-view'), () => {
    $('groups-list').replaceChildren(...view.groups.map((g) => groupCard(g, view, editable, promotable)));
    $('ungrouped').hidden = board.runs === 0 && board.groups.length === 0;
    $('ungrouped').querySelector('.members').replaceWith(memberList(view.loose, editable));
  });
}

function groupCard(g, view, editable, promotable) {
  const { li } = titledCard('group card', `group-${g.id}`, g.title);
  li.dataset.group = g.id;
  const meta = element('p', 'muted group-meta', [tn('group_members', g.members.length),
    g.supports ? tn('supports', g.supports) : '',
    g.keywords.length ? t('group_keywords', { words: g.keywords.join(', ') }) : ''].filter(Boolean).join(' · '));
  li.append(meta);
  if (g.objective) li.append(element('p', 'badge objective', t('group_promoted')));
  if (editable) li.append(renameForm(g));
  li.append(memberList(g.members, editable, editable && !g.objective ? g.id : null));
  if (editable && !g.objective && g.members.length > 1) li.append(splitButton(g));
  if (editable && !g.objective && view.groups.length > 1) li.append(mergeForm(g));
  if (promotable && !g.objective) {
    const promote = element('button', 'btn btn-outline-primary btn-sm', t('group_promote'));
    promote.type = 'button';
    promote.dataset.key = `promote:${g.id}`;
    promote.addEventListener('click', () => boardRequest('group_promote', { group: g.id }));
    li.append(promote);
  }
  return li;
}

function memberList(ids, editable, splittable = null) {
  const { contributions, board } = session.state;
  const ul = element('ul', 'members');
  for (const id of ids) {
    const c = contributions.get(id);
    const li = element('li', '', element('span', 'text', c.text));
    li.dataset.id = id;
    if (c.author) li.append(element('span', 'author', ` — ${c.author.organization || c.author.name}`));
    if (id in board.pins) li.append(element('span', 'pinned', ` (${t('pinned')})`));
    if (editable) li.append(moveSelect(id));
    if (splittable) {
      // Members ticked here leave together as a new group.
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.className = 'split-pick';
      box.id = `split-${splittable}-${id}`;
      box.dataset.key = box.id;
      box.value = id;
      const label = element('label', 'split-label', t('split_pick'));
      label.htmlFor = box.id;
      box.setAttribute('aria-label', `${t('split_pick')}: ${c.text.slice(0, 60)}`);
      li.append(element('span', 'split-choice', box, label));
    }
    ul.append(li);
  }
  // Drag and drop between groups; the select in each card is the keyboard
  // and screen-reader way to do the same move.
  if (editable) {
    loadSortable().then((Sortable) => {
      if (!ul.isConnected) return;
      Sortable.create(ul, {
        group: 'board',
        sort: false,
        forceFallback: true,
        filter: 'select, option, input, label',
        preventOnFilter: false,
        onAdd(evt) {
          const id = evt.item.dataset.id;
          const group = evt.to.closest('[data-group]')?.dataset.group ?? '';
          $('groups-error').textContent = '';
          // The board event redraws the board; a refused move puts the card back.
          send('group_move', { contribution: id, group: group || null }).catch((err) => {
            $('groups-error').textContent = errorText(err);
            renderGroups();
          });
        },
      });
      ul.dataset.sortable = 'ready';
    });
  }
  return ul;
}

function splitButton(g) {
  const b = element('button', 'btn btn-link btn-sm', t('group_split'));
  b.type = 'button';
  b.dataset.key = `split:${g.id}`;
  b.addEventListener('click', () => {
    const card = document.querySelector(`#groups-list [data-group="${CSS.escape(g.id)}"]`);
    const ids = [...card.querySelectorAll('.split-pick:checked')].map((x) => x.value);
    if (ids.length === 0) {
      $('groups-error').textContent = t('split_none');
      return;
    }
    boardRequest('group_split', { group: g.id, ids });
  });
  return b;
}

function mergeForm(g) {
  const select = element('select', 'form-select form-select-sm');
  select.setAttribute('aria-label', t('group_merge_label', { title: g.title }));
  for (const other of session.state.board.groups) if (other.id !== g.id && !other.objective) select.append(new Option(other.title, other.id));
  if (!select.options.length) return document.createTextNode('');
  return inlineForm('merge', select, t('group_merge'), () => boardRequest('group_merge', { keep: g.id, groups: [select.value] }));
}

// Moving a contribution: a select works with the keyboard and on phones.
function moveSelect(id) {
  const { board, contributions } = session.state;
  const current = board.groups.find((g) => g.members.includes(id))?.id ?? '';
  const select = element('select', 'form-select form-select-sm');
  select.dataset.key = `move:${id}`;
  select.setAttribute('aria-label', `${t('move_to')}: ${contributions.get(id).text.slice(0, 60)}`);
  select.append(new Option(t('no_group'), ''));
  for (const g of board.groups) select.append(new Option(g.title, g.id));
  select.value = current;
  select.addEventListener('change', () => boardRequest('group_move', { contribution: id, group: select.value || null }));
  return select;
}

function renameForm(g) {
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'form-control form-control-sm';
  input.value = g.title;
  input.maxLength = session.state.limits?.group_title_max ?? 200;
  input.setAttribute('aria-label', t('group_rename_label'));
  return inlineForm('rename', input, t('group_rename'), () => {
    const title = input.value.trim();
    if (title && title !== g.title) boardRequest('group_rename', { group: g.id, title });
  });
}

function boardRequest(type, fields) {
  $('groups-error').textContent = '';
  return send(type, fields).catch((err) => { $('groups-error').textContent = errorText(err); });
}

export function runClustering() {
  $('cluster-run').disabled = true;
  $('cluster-status').textContent = t('cluster_running');
  $('groups-error').textContent = '';
  send('cluster_run', {})
    .then((r) => { $('cluster-status').textContent = t('cluster_done', r); })
    .catch((err) => { $('cluster-status').textContent = ''; $('groups-error').textContent = errorText(err); })
    .finally(() => { $('cluster-run').disabled = false; });
}
