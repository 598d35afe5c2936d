// The page: routes (#/join/CODE, #/facilitate/CODE/SECRET), the join form,
// and the live board of a meeting. User text is always set with textContent.
import { LiveSocket } from './live-socket.js';
import { language, setLanguage, t, translatePage } from './i18n.js';
import { loadQrcode, loadSortable } from './lazy.js';

const maxTextChars = 1000;
const profileKey = 'tavolo.profile';
const $ = (id) => document.getElementById(id);

const state = {
  route: parseRoute(location.hash),
  socket: null,
  meeting: null,
  you: null,
  seen: new Set(), // contribution ids on the board
  contributions: new Map(), // id -> contribution, as last received
  board: { groups: [], pins: {}, runs: 0 },
  plan: [], // a follow-up meeting's objectives, with their working groups
  connection: 'idle',
};

const isStaff = () => state.you && state.you.role !== 'participant';

function parseRoute(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
  if (parts[0] === 'facilitate' && parts.length >= 3) return { mode: 'facilitate', code: parts[1], secret: parts[2] };
  if (parts[0] === 'join' && parts[1]) return { mode: 'join', code: parts[1] };
  return { mode: 'join', code: '' };
}

function loadProfile() {
  try {
    return JSON.parse(localStorage.getItem(profileKey) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

function saveProfile(profile) {
  try { localStorage.setItem(profileKey, JSON.stringify(profile)); } catch { /* ignore */ }
}

// --- join ---

function showJoin() {
  const facilitating = state.route.mode === 'facilitate';
  $('join-title').textContent = t(facilitating ? 'facilitate_title' : 'join_title');
  $('join-intro').textContent = t(facilitating ? 'facilitate_intro' : 'join_intro');
  $('code-field').hidden = facilitating;
  $('org-field').hidden = facilitating;
  const profile = loadProfile();
  $('join-code').value = state.route.code || profile.code || '';
  $('join-name').value = profile.name || '';
  $('join-org').value = profile.organization || '';
  $('join-view').hidden = false;
  $('meeting-view').hidden = true;
}

function onJoinSubmit(event) {
  event.preventDefault();
  const facilitating = state.route.mode === 'facilitate';
  const fields = facilitating
    ? [['join-name', 'your_name']]
    : [['join-code', 'join_code'], ['join-name', 'your_name'], ['join-org', 'your_organization']];
  for (const [id, label] of fields) {
    if (!$(id).value.trim()) {
      $('join-error').textContent = t('required_field', { field: t(label) });
      $(id).focus();
      return;
    }
  }
  const code = facilitating ? state.route.code : $('join-code').value.trim();
  const join = { code, name: $('join-name').value.trim(), organization: facilitating ? '' : $('join-org').value.trim() };
  if (facilitating) join.secret = state.route.secret;
  const previous = loadProfile();
  saveProfile(facilitating ? { ...previous, name: join.name } : { code, name: join.name, organization: join.organization });
  $('join-error').textContent = '';
  $('join-submit').disabled = true;
  $('join-submit').textContent = t('joining');
  connect(join);
}

function connect(join) {
  state.socket?.stop();
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const normalized = join.code.toUpperCase().replace(/[\s-]/g, '');
  state.socket = new LiveSocket({
    url: `${scheme}//${location.host}/ws`,
    join,
    storageKey: `tavolo.${normalized}.${join.secret ? 'staff' : 'participant'}`,
    onState: setConnection,
    onJoined: showMeeting,
    onEvent: onEvent,
    onJoinRejected: (err) => {
      $('join-submit').disabled = false;
      $('join-submit').textContent = t('join_button');
      $('join-view').hidden = false;
      $('meeting-view').hidden = true;
      $('join-error').textContent = errorText(err);
    },
    onOutbox: renderOutbox,
    onHeld: () => renderOutbox(state.socket.outboxSize()),
    // Refused after a reload: the text comes back into the form.
    onRefused: (item, err) => {
      $('submit-error').textContent = errorText(err);
      if (!$('submit-text').value) {
        $('submit-text').value = item.text;
        saveDraft();
        updateCounter();
      }
    },
    onClosedByServer: (reason) => announce(t('closed_by_server', { reason })),
  });
  state.socket.start();
}

function errorText(err) {
  const key = `error_${err.code}`;
  const text = t(key);
  return text === key ? t('error_generic', { message: err.message }) : text;
}

// --- meeting ---

function showMeeting(result) {
  state.meeting = result.meeting;
  state.you = result.you;
  $('join-submit').disabled = false;
  $('join-submit').textContent = t('join_button');
  $('join-view').hidden = true;
  $('meeting-view').hidden = false;
  renderMeetingHead();
  // A snapshot brings the whole board: rebuild it. A replay keeps the board
  // and the missed events follow.
  if (result.mode !== 'replay') {
    state.seen.clear();
    state.contributions.clear();
    for (const list of document.querySelectorAll('.cards')) list.replaceChildren();
    for (const c of result.contributions) addCard(c, false);
    if (result.board) state.board = result.board;
    state.plan = result.plan ?? [];
  }
  renderGroups();
  renderPlan();
  restoreDraft();
  updateCounts();
  renderOutbox(state.socket.outboxSize());
  if (!document.activeElement || document.activeElement === document.body) $('submit-text').focus();
}

function renderMeetingHead() {
  if (!state.meeting) return;
  $('meeting-community').textContent = state.meeting.community;
  $('meeting-title').textContent = state.meeting.title;
  $('meeting-phase').textContent = t(`phase_${state.meeting.phase}`);
  const canWrite = state.meeting.phase === 'collect' && (!state.meeting.locked || state.you.role !== 'participant');
  $('submit-button').disabled = !canWrite;
  $('submit-closed').textContent = canWrite ? '' : t(state.meeting.locked ? 'submissions_locked' : 'submissions_closed');
  $('meeting-role').textContent = t(`role_${state.you.role}`);
  $('meeting-you').textContent = state.you.organization ? `${state.you.name} · ${state.you.organization}` : state.you.name;
  $('staff-controls').hidden = !isStaff();
  if (isStaff()) renderInvite();
  renderSettings();
  $('lock-toggle').textContent = t(state.meeting.locked ? 'unlock_submissions' : 'lock_submissions');
  $('lock-toggle').setAttribute('aria-pressed', String(!!state.meeting.locked));
  renderBudget();
  renderTimer();
  for (const li of document.querySelectorAll('.cards > li')) renderCardActions(li, state.contributions.get(li.dataset.id));
  $('phase-select').value = state.meeting.phase;
  document.title = `${state.meeting.title} · tavolo`;
  // A follow-up meeting is about its plan: the contribution board shows only
  // while it collects, or once something was written.
  const followup = state.meeting.kind === 'followup';
  const board = !followup || state.meeting.phase === 'collect' || state.contributions.size > 0;
  $('submit-form').hidden = followup && state.meeting.phase !== 'collect';
  $('board').hidden = !board;
  renderGroups();
  renderPlan();
}

function onEvent(msg) {
  switch (msg.type) {
    case 'contribution': {
      const c = msg.contribution;
      $('store-alert').hidden = true; // saved: the store works again
      const isNew = !state.seen.has(c.id);
      if (c.status !== 'visible' && !state.you?.role.match(/facilitator|coordinator/)) removeCard(c.id);
      else if (addCard(c, isNew) && isNew) {
        announce(t('new_contribution', { name: c.author?.name ?? t('anonymous'), text: c.text }));
      }
      break;
    }
    case 'contribution_removed':
      removeCard(msg.id);
      break;
    case 'merge':
      addCard(msg.keep, false);
      for (const id of msg.merged) removeCard(id);
      break;
    case 'supports': {
      const li = document.querySelector(`li[data-id="${CSS.escape(msg.id)}"] .supports`);
      if (li) li.textContent = msg.supports ? supportsText(msg.supports) : '';
      const known = state.contributions.get(msg.id);
      if (known) known.supports = msg.supports;
      break;
    }
    case 'revealed':
      state.meeting = msg.meeting;
      renderMeetingHead();
      for (const c of msg.contributions) addCard(c, true);
      break;
    case 'meeting':
      state.meeting = msg.meeting;
      renderMeetingHead();
      if (msg.meeting.phase === 'collect' && !msg.meeting.locked) state.socket.retryHeld();
      break;
    case 'alert': {
      // Staff only: the server cannot save this meeting (a full disk, say).
      const text = t(`alert_${msg.code}`);
      $('store-alert').textContent = text === `alert_${msg.code}` ? msg.message : text;
      $('store-alert').hidden = false;
      break;
    }
    case 'presence':
      $('presence').textContent = t(msg.count === 1 ? 'presence_one' : 'presence', { n: msg.count });
      if (msg.members) renderPeople(msg.members);
      break;
    case 'working_group': {
      const at = state.plan.findIndex((i) => i.objective === msg.item.objective);
      if (at >= 0) state.plan[at] = msg.item;
      renderPlan();
      const g = msg.item.working_group;
      announce(t('group_changed', { title: msg.item.title, n: g ? g.members.length : 0, status: t(`wg_${g?.status ?? 'forming'}`) }));
      break;
    }
    case 'plan':
      state.plan = msg.plan;
      renderPlan();
      announce(t('plan_changed'));
      break;
    case 'board':
      state.board = msg.board;
      renderGroups();
      announce(msg.objective ? t('objective_created', { title: msg.objective.title })
        : t('board_changed', { n: msg.board.groups.length }));
      break;
    default:
      break; // skip, and anything newer than this page
  }
  updateCounts();
}

// Adds a contribution's card, or updates it in place; false if nothing to show.
function addCard(c, fresh) {
  const list = document.querySelector(`.cards[data-kind="${c.kind}"]`);
  if (!list) return false;
  let li = document.querySelector(`li[data-id="${CSS.escape(c.id)}"]`);
  if (!li) {
    li = document.createElement('li');
    li.className = fresh ? 'card contribution fresh' : 'card contribution';
    li.dataset.id = c.id;
    const text = document.createElement('p');
    text.className = 'text';
    const author = document.createElement('p');
    author.className = 'author';
    const supports = document.createElement('p');
    supports.className = 'supports';
    const actions = document.createElement('div');
    actions.className = 'card-actions';
    li.append(text, author, supports, actions);
    list.append(li);
  }
  state.seen.add(c.id);
  state.contributions.set(c.id, c);
  li.dataset.seq = c.seq;
  li.dataset.status = c.status ?? 'visible';
  li.querySelector('.text').textContent = c.text;
  li.querySelector('.author').textContent = c.author ? `${c.author.name} · ${c.author.organization}` : t('anonymous');
  li.querySelector('.supports').textContent = c.supports ? supportsText(c.supports) : '';
  if (c.status && c.status !== 'visible') li.querySelector('.supports').textContent = t(`status_${c.status}`);
  renderCardActions(li, c);
  return true;
}

const supportsText = (n) => t(n === 1 ? 'supports_one' : 'supports', { n });

// --- what one can do with a contribution ---

// Buttons under a card, by role and phase: the author edits and withdraws
// while collecting; participants support while voting; staff hide, restore
// and edit at any time.
function renderCardActions(li, c) {
  const box = li?.querySelector('.card-actions');
  if (!box || !c || !state.meeting || li.querySelector('.edit-form')) return;
  const phase = state.meeting.phase;
  const staff = isStaff();
  const open = phase !== 'closed';
  const label = c.text.slice(0, 60);
  const items = [];
  const action = (text, aria, key, run, cls = 'btn btn-link btn-sm') => {
    const b = button(text, cls, `${key}:${c.id}`, run);
    b.setAttribute('aria-label', `${aria}: ${label}`);
    items.push(b);
    return b;
  };
  if (phase === 'vote' && !staff && c.status === 'visible') {
    const mine = state.you.supports?.[c.id] ?? 0;
    const give = action(t('support'), t('support'), 'support', () => supportRequest('support', c.id), 'btn btn-outline-primary btn-sm');
    give.disabled = state.you.budget_left <= 0 || mine >= state.meeting.max_supports_per_contribution;
    if (mine > 0) {
      give.setAttribute('aria-pressed', 'true');
      action(t('unsupport'), t('unsupport'), 'unsupport', () => supportRequest('unsupport', c.id));
    }
  }
  if (open && (c.mine || staff) && c.status === 'visible' && (staff || phase === 'collect')) {
    action(t('edit'), t('edit'), 'edit', () => editCard(li, c));
  }
  if (open && c.mine && c.status === 'visible' && phase === 'collect') {
    const b = action(t('withdraw'), t('withdraw'), 'withdraw', () => {
      if (b.dataset.confirm) return cardRequest('withdraw', c.id);
      b.dataset.confirm = '1';
      b.textContent = t('withdraw_confirm');
      b.setAttribute('aria-label', `${t('withdraw_confirm')}: ${label}`);
      b.focus();
    });
  }
  if (open && staff && c.status === 'visible') action(t('hide'), t('hide'), 'hide', () => cardRequest('hide', c.id));
  if (open && staff && c.status === 'visible') action(t('merge_into'), t('merge_into'), 'merge', () => mergeCard(li, c));
  if (open && staff && c.status === 'hidden') action(t('restore'), t('restore'), 'restore', () => cardRequest('restore', c.id));
  const focused = document.activeElement?.dataset?.key;
  box.replaceChildren(...items);
  if (focused) box.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}

function editCard(li, c) {
  const form = document.createElement('form');
  form.className = 'edit-form';
  const id = `edit-${c.id}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.className = 'visually-hidden';
  label.textContent = t('edit_label');
  const area = document.createElement('textarea');
  area.id = id;
  area.className = 'form-control';
  area.rows = 3;
  area.maxLength = maxTextChars;
  area.value = c.text;
  const save = document.createElement('button');
  save.type = 'submit';
  save.className = 'btn btn-primary btn-sm';
  save.textContent = t('save');
  const cancel = button(t('cancel'), 'btn btn-link btn-sm', `cancel:${c.id}`, () => close());
  const error = document.createElement('p');
  error.className = 'form-error';
  error.setAttribute('role', 'alert');
  form.append(label, area, save, cancel, error);
  const close = () => {
    form.remove();
    li.querySelector('.text').hidden = false;
    renderCardActions(li, state.contributions.get(c.id));
    li.querySelector('.card-actions button')?.focus();
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = area.value.trim();
    if (!text) { error.textContent = t('error_text_empty'); return; }
    if (text === c.text) { close(); return; }
    save.disabled = true;
    state.socket.send('edit', { id: c.id, text })
      .then(() => close())
      .catch((err) => { error.textContent = errorText(err); save.disabled = false; });
  });
  area.addEventListener('keydown', (e) => { if (e.key === 'Escape') close(); });
  li.querySelector('.text').hidden = true;
  li.querySelector('.card-actions').replaceChildren();
  li.insertBefore(form, li.querySelector('.author'));
  area.focus();
}

// Staff merge a duplicate into another contribution, chosen from a list.
function mergeCard(li, c) {
  const others = [...state.contributions.values()].filter((o) => o.id !== c.id && o.status === 'visible');
  const box = li.querySelector('.card-actions');
  if (others.length === 0) {
    $('board-error').textContent = t('merge_nothing');
    return;
  }
  const form = document.createElement('form');
  form.className = 'merge-form';
  const id = `merge-${c.id}`;
  const label = document.createElement('label');
  label.htmlFor = id;
  label.textContent = t('merge_keep');
  const select = document.createElement('select');
  select.id = id;
  select.className = 'form-select form-select-sm';
  for (const o of others) select.append(new Option(o.text.length > 80 ? `${o.text.slice(0, 80)}…` : o.text, o.id));
  const ok = document.createElement('button');
  ok.type = 'submit';
  ok.className = 'btn btn-primary btn-sm';
  ok.textContent = t('merge_confirm');
  const cancel = button(t('cancel'), 'btn btn-link btn-sm', `merge-cancel:${c.id}`, () => renderCardActions(li, c));
  form.append(label, select, ok, cancel);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    $('board-error').textContent = '';
    state.socket.send('merge', { keep: select.value, ids: [c.id] }).catch((err) => {
      $('board-error').textContent = errorText(err);
      renderCardActions(li, c);
    });
  });
  box.replaceChildren(form);
  select.focus();
}

function cardRequest(type, id) {
  $('board-error').textContent = '';
  return state.socket.send(type, { id }).catch((err) => { $('board-error').textContent = errorText(err); });
}

function supportRequest(type, id) {
  $('board-error').textContent = '';
  return state.socket.send(type, { id }).then((r) => {
    state.you.supports = { ...(state.you.supports ?? {}), [id]: r.mine };
    state.you.budget_left = r.budget_left;
    renderBudget();
    for (const li of document.querySelectorAll('.cards > li')) renderCardActions(li, state.contributions.get(li.dataset.id));
    announce(t('budget_left', { n: r.budget_left }));
  }).catch((err) => { $('board-error').textContent = errorText(err); });
}

function renderBudget() {
  const voting = state.meeting?.phase === 'vote' && !isStaff();
  $('budget').hidden = !voting;
  if (voting) $('budget').textContent = t('budget_left', { n: state.you.budget_left ?? 0 });
}

// --- the countdown: the server's end time, on the server's clock ---

let timerTick = null;
function renderTimer() {
  clearInterval(timerTick);
  const ends = state.meeting?.timer_ends_at;
  $('timer').hidden = !ends;
  if (!ends) return;
  // The frame's `now` is the server's clock when it was made.
  const offset = state.meeting.now - Date.now();
  const show = () => {
    const left = Math.max(0, Math.round((ends - (Date.now() + offset)) / 1000));
    $('timer-value').textContent = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    $('timer').classList.toggle('over', left === 0);
    if (left === 0) clearInterval(timerTick);
  };
  show();
  timerTick = setInterval(show, 1000);
}

function renderPeople(members) {
  $('people-title').textContent = t('people_title_n', { n: members.length });
  $('people-list').replaceChildren(...members.map((m) => {
    const li = document.createElement('li');
    const who = document.createElement('span');
    who.textContent = m.organization ? `${m.name} · ${m.organization}` : m.name;
    li.append(who);
    if (m.role !== 'participant') {
      const role = document.createElement('span');
      role.className = 'muted';
      role.textContent = ` (${t(`role_${m.role}`)})`;
      li.append(role);
    } else if (state.meeting.phase !== 'closed') {
      const remove = button(t('remove_person'), 'btn btn-link btn-sm', `remove-person:${m.id}`, () => {
        if (!remove.dataset.confirm) {
          remove.dataset.confirm = '1';
          remove.textContent = t('remove_person_confirm');
          remove.setAttribute('aria-label', `${t('remove_person_confirm')} — ${m.name}`);
          return;
        }
        state.socket.send('remove_participant', { participant: m.id }).catch((err) => { $('staff-error').textContent = errorText(err); });
      });
      remove.setAttribute('aria-label', t('remove_person_label', { name: m.name }));
      li.append(' ', remove);
    }
    return li;
  }));
}

function removeCard(id) {
  state.seen.delete(id);
  state.contributions.delete(id);
  document.querySelector(`li[data-id="${CSS.escape(id)}"]`)?.remove();
}

function updateCounts() {
  for (const el of document.querySelectorAll('[data-count]')) {
    const n = document.querySelectorAll(`.cards[data-kind="${el.dataset.count}"] > li`).length;
    el.textContent = String(n);
  }
  for (const list of document.querySelectorAll('.cards')) {
    list.dataset.empty = list.children.length === 0 ? t('empty_column') : '';
  }
}

function onSubmit(event) {
  event.preventDefault();
  const text = $('submit-text').value.trim();
  if (!text) {
    $('submit-error').textContent = t('error_text_empty');
    $('submit-text').focus();
    return;
  }
  const kind = new FormData($('submit-form')).get('kind');
  $('submit-error').textContent = '';
  $('submit-text').value = '';
  saveDraft();
  updateCounter();
  state.socket.submit({ kind, text }).catch((err) => {
    $('submit-error').textContent = errorText(err);
    // Give the text back so nothing typed is lost.
    if (!$('submit-text').value) $('submit-text').value = text;
    saveDraft();
    updateCounter();
  });
}

// --- inviting: the join link as text and as a QR code (staff) ---

const svgNs = 'http://www.w3.org/2000/svg';

async function renderInvite() {
  const code = state.route.code || state.meeting.join_code || '';
  const shown = code.toUpperCase().replace(/[\s-]/g, '').replace(/^(.{4})(.+)$/, '$1-$2');
  const link = `${location.origin}/#/join/${shown}`;
  if ($('invite-link').value === link) return;
  $('invite-link').value = link;
  $('invite-code').textContent = shown;
  // The QR code drawn as SVG squares: no markup built from strings.
  const qrcode = await loadQrcode();
  if ($('invite-link').value !== link) return; // a newer link is drawn instead
  const qr = qrcode(0, 'M');
  qr.addData(link);
  qr.make();
  const n = qr.getModuleCount();
  const quiet = 4;
  const svg = $('invite-qr');
  svg.setAttribute('viewBox', `0 0 ${n + 2 * quiet} ${n + 2 * quiet}`);
  svg.setAttribute('shape-rendering', 'crispEdges');
  const background = document.createElementNS(svgNs, 'rect');
  background.setAttribute('width', String(n + 2 * quiet));
  background.setAttribute('height', String(n + 2 * quiet));
  background.setAttribute('fill', '#fff');
  let d = '';
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) if (qr.isDark(r, c)) d += `M${c + quiet} ${r + quiet}h1v1h-1z`;
  }
  const path = document.createElementNS(svgNs, 'path');
  path.setAttribute('d', d);
  path.setAttribute('fill', '#000');
  svg.replaceChildren(background, path);
  svg.dataset.link = link;
}

async function copyInvite() {
  const link = $('invite-link').value;
  try {
    await navigator.clipboard.writeText(link);
    $('invite-status').textContent = t('invite_copied');
  } catch {
    $('invite-link').select();
    $('invite-status').textContent = t('invite_copy_manually');
  }
}

// --- a follow-up meeting's plan and its working groups ---

const isMe = (m) => state.you && m.name === state.you.name && m.organization === state.you.organization;

function monthText(ym) {
  if (!ym) return '';
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(language() === 'it' ? 'it-IT' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function dateText(ymd) {
  if (!ymd) return '';
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(language() === 'it' ? 'it-IT' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function renderPlan() {
  const followup = state.meeting?.kind === 'followup';
  $('plan-view').hidden = !followup;
  if (!followup) return;
  const phase = state.meeting.phase;
  $('plan-intro').textContent = state.plan.length === 0 ? t('plan_empty')
    : phase === 'plan' ? t('plan_intro_open') : t('plan_intro_waiting');
  // Keep the focus where it was across a re-render (by the control's key).
  const focused = document.activeElement?.dataset?.key;
  const list = $('plan-list');
  list.replaceChildren();
  for (const item of state.plan) list.append(planItem(item, phase));
  if (focused) list.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}

// A list item named by its heading (the screen reader says the title).
function titledCard(className, headingId, title) {
  const li = document.createElement('li');
  li.className = className;
  const head = document.createElement('h3');
  head.id = headingId;
  head.textContent = title;
  li.setAttribute('aria-labelledby', headingId);
  li.append(head);
  return { li, head };
}

function planItem(item, phase) {
  const { li, head } = titledCard('card plan-item', `objective-${item.objective}`, item.title);
  li.dataset.objective = item.objective;
  const facts = document.createElement('dl');
  facts.className = 'facts';
  const fact = (label, value) => {
    if (!value) return;
    const dt = document.createElement('dt');
    dt.textContent = label;
    const dd = document.createElement('dd');
    dd.textContent = value;
    facts.append(dt, dd);
  };
  fact(t('plan_deliverable'), [item.deliverable.description, item.deliverable.due_month ? t('plan_due', { month: monthText(item.deliverable.due_month) }) : ''].filter(Boolean).join(' — '));
  fact(t('plan_schedule'), [monthText(item.start_month), monthText(item.end_month)].filter(Boolean).join(' – '));
  fact(t('plan_owners'), item.owners.join(', '));
  li.append(facts);
  if (item.description) {
    const p = document.createElement('p');
    p.className = 'description';
    p.textContent = item.description;
    li.append(p);
  }
  const g = item.working_group;
  if (!g) {
    const none = document.createElement('p');
    none.className = 'muted';
    none.textContent = t('wg_none');
    li.append(none);
    return li;
  }
  const box = document.createElement('section');
  box.className = 'working-group';
  box.setAttribute('aria-label', t('wg_title_of', { title: item.title }));
  const status = document.createElement('p');
  status.className = `badge wg-${g.status}`;
  status.textContent = g.status === 'enabled' ? t('wg_enabled_on', { date: dateText(g.start_date) }) : t(`wg_${g.status}`);
  const count = document.createElement('p');
  count.className = 'muted';
  count.textContent = t(g.members.length === 1 ? 'wg_count_one' : 'wg_count', { n: g.members.length });
  box.append(status, count);
  const members = document.createElement('ul');
  members.className = 'wg-members';
  const staff = isStaff();
  for (const m of g.members) {
    const mi = document.createElement('li');
    const who = document.createElement('span');
    who.textContent = `${m.name} · ${m.organization}`;
    mi.append(who);
    if (isMe(m)) {
      const you = document.createElement('span');
      you.className = 'muted';
      you.textContent = ` (${t('wg_you')})`;
      mi.append(you);
    }
    if (m.confirmed) {
      const ok = document.createElement('span');
      ok.className = 'confirmed';
      ok.textContent = ` ✓ ${t('wg_confirmed')}`;
      mi.append(ok);
    }
    if (staff && phase !== 'closed') {
      const remove = button(t('wg_remove'), 'btn btn-link btn-sm', `remove:${item.objective}:${m.name}:${m.organization}`,
        () => planRequest('working_group_remove', { objective: item.objective, name: m.name, organization: m.organization }));
      remove.setAttribute('aria-label', t('wg_remove_label', { name: m.name, title: item.title }));
      mi.append(' ', remove);
    }
    members.append(mi);
  }
  box.append(members);
  const mine = g.members.some(isMe);
  if (!staff && phase === 'plan' && g.status === 'forming') {
    const act = mine
      ? button(t('wg_leave'), 'btn btn-outline-primary btn-sm', `leave:${item.objective}`, () => planRequest('unvolunteer', { objective: item.objective }))
      : button(t('wg_volunteer'), 'btn btn-primary btn-sm', `join:${item.objective}`, () => planRequest('volunteer', { objective: item.objective }));
    act.setAttribute('aria-describedby', head.id);
    box.append(act);
  } else if (!staff && g.status !== 'forming' && phase === 'plan') {
    const closed = document.createElement('p');
    closed.className = 'muted';
    closed.textContent = t('wg_closed_note');
    box.append(closed);
  }
  if (staff && phase !== 'closed') box.append(groupControls(item, g));
  li.append(box);
  return li;
}

function button(text, cls, key, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = cls;
  b.textContent = text;
  b.dataset.key = key;
  b.addEventListener('click', onClick);
  return b;
}

// Staff: confirm the composition, enable with a start date, or reopen.
function groupControls(item, g) {
  const form = document.createElement('form');
  form.className = 'wg-controls';
  if (g.status === 'forming') {
    form.append(button(t('wg_confirm'), 'btn btn-outline-primary btn-sm', `compose:${item.objective}`,
      () => planRequest('working_group_status', { objective: item.objective, status: 'composed' })));
  } else {
    form.append(button(t('wg_reopen'), 'btn btn-link btn-sm', `reopen:${item.objective}`,
      () => planRequest('working_group_status', { objective: item.objective, status: 'forming' })));
  }
  if (g.status !== 'enabled') {
    const id = `start-${item.objective}`;
    const label = document.createElement('label');
    label.htmlFor = id;
    label.textContent = t('wg_start_date');
    const input = document.createElement('input');
    input.className = 'form-control form-control-sm wg-date';
    input.type = 'date';
    input.id = id;
    input.dataset.key = id;
    input.required = true;
    input.value = g.start_date ?? (item.start_month ? `${item.start_month}-01` : '');
    const enable = document.createElement('button');
    enable.type = 'submit';
    enable.className = 'btn btn-primary btn-sm';
    enable.textContent = t('wg_enable');
    enable.dataset.key = `enable:${item.objective}`;
    form.append(label, input, enable);
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      if (!input.value) {
        $('plan-error').textContent = t('wg_start_date_needed');
        input.focus();
        return;
      }
      planRequest('working_group_status', { objective: item.objective, status: 'enabled', start_date: input.value });
    });
  }
  return form;
}

function planRequest(type, fields) {
  $('plan-error').textContent = '';
  return state.socket.send(type, fields).catch((err) => {
    $('plan-error').textContent = errorText(err);
  });
}

// --- the cluster board ---

// Shown once there are groups, or in the cluster phase (where staff make them).
function renderGroups() {
  if (!state.meeting) return;
  const phase = state.meeting.phase;
  const shown = state.board.groups.length > 0 || (state.meeting.kind !== 'followup' && phase === 'cluster');
  $('groups-view').hidden = !shown;
  if (!shown) return;
  const staff = isStaff();
  const editable = staff && phase === 'cluster';
  const promotable = staff && (phase === 'cluster' || phase === 'plan');
  $('cluster-run').hidden = !editable;
  const visible = (id) => state.contributions.has(id) && state.contributions.get(id).status === 'visible';
  const placed = new Set();
  const list = $('groups-list');
  list.replaceChildren();
  for (const g of state.board.groups) {
    const members = g.members.filter(visible);
    members.forEach((id) => placed.add(id));
    const { li } = titledCard('group card', `group-${g.id}`, g.title);
    li.dataset.group = g.id;
    const meta = document.createElement('p');
    meta.className = 'muted group-meta';
    meta.textContent = [t('group_members', { n: members.length }),
      g.keywords.length ? t('group_keywords', { words: g.keywords.join(', ') }) : ''].filter(Boolean).join(' · ');
    li.append(meta);
    if (g.objective) {
      const badge = document.createElement('p');
      badge.className = 'badge objective';
      badge.textContent = t('group_promoted');
      li.append(badge);
    }
    if (editable) li.append(renameForm(g));
    li.append(memberList(members, editable, editable && !g.objective ? g.id : null));
    if (editable && !g.objective && members.length > 1) li.append(splitButton(g));
    if (editable && !g.objective && state.board.groups.length > 1) li.append(mergeForm(g));
    if (promotable && !g.objective) {
      const promote = document.createElement('button');
      promote.type = 'button';
      promote.className = 'btn btn-outline-primary btn-sm';
      promote.textContent = t('group_promote');
      promote.addEventListener('click', () => boardRequest('group_promote', { group: g.id }));
      li.append(promote);
    }
    list.append(li);
  }
  const loose = [...state.contributions.keys()].filter((id) => visible(id) && !placed.has(id));
  $('ungrouped').hidden = state.board.runs === 0 && state.board.groups.length === 0;
  $('ungrouped').querySelector('.members').replaceWith(memberList(loose, editable));
}

function memberList(ids, editable, splittable = null) {
  const ul = document.createElement('ul');
  ul.className = 'members';
  for (const id of ids) {
    const c = state.contributions.get(id);
    const li = document.createElement('li');
    li.dataset.id = id;
    const text = document.createElement('span');
    text.className = 'text';
    text.textContent = c.text;
    li.append(text);
    if (c.author) {
      const who = document.createElement('span');
      who.className = 'author';
      who.textContent = ` — ${c.author.organization || c.author.name}`;
      li.append(who);
    }
    if (id in state.board.pins) {
      const pin = document.createElement('span');
      pin.className = 'pinned';
      pin.textContent = ` (${t('pinned')})`;
      li.append(pin);
    }
    if (editable) li.append(moveSelect(id));
    if (splittable) {
      // Members ticked here leave together as a new group.
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.className = 'split-pick';
      box.id = `split-${splittable}-${id}`;
      box.value = id;
      const label = document.createElement('label');
      label.htmlFor = box.id;
      label.className = 'split-label';
      label.textContent = t('split_pick');
      box.setAttribute('aria-label', `${t('split_pick')}: ${c.text.slice(0, 60)}`);
      li.append(element('span', 'split-choice', box, label));
    }
    ul.append(li);
  }
  // Drag and drop between groups (SortableJS); the select in each card is the
  // keyboard and screen-reader way to do the same move.
  if (editable) {
    loadSortable().then((Sortable) => Sortable.create(ul, {
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
        state.socket.send('group_move', { contribution: id, group: group || null }).catch((err) => {
          $('groups-error').textContent = errorText(err);
          renderGroups();
        });
      },
    }));
  }
  return ul;
}

// An element with a class and children.
function element(tag, className, ...children) {
  const el = document.createElement(tag);
  el.className = className;
  el.append(...children);
  return el;
}

function splitButton(g) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = 'btn btn-link btn-sm';
  b.textContent = t('group_split');
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

// A one-line form of the board: a control and its submit button.
function inlineForm(className, control, buttonText, onSubmit) {
  const form = document.createElement('form');
  form.className = className;
  const submit = document.createElement('button');
  submit.type = 'submit';
  submit.className = 'btn btn-outline-primary btn-sm';
  submit.textContent = buttonText;
  form.append(control, submit);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    onSubmit();
  });
  return form;
}

function mergeForm(g) {
  const select = document.createElement('select');
  select.className = 'form-select form-select-sm';
  select.setAttribute('aria-label', t('group_merge_label', { title: g.title }));
  for (const other of state.board.groups) if (other.id !== g.id && !other.objective) select.append(new Option(other.title, other.id));
  if (!select.options.length) return document.createTextNode('');
  return inlineForm('merge', select, t('group_merge'), () => boardRequest('group_merge', { keep: g.id, groups: [select.value] }));
}

// Moving a contribution: a select works with the keyboard and on phones.
function moveSelect(id) {
  const current = state.board.groups.find((g) => g.members.includes(id))?.id ?? '';
  const select = document.createElement('select');
  select.className = 'form-select form-select-sm';
  select.setAttribute('aria-label', `${t('move_to')}: ${state.contributions.get(id).text.slice(0, 60)}`);
  const none = new Option(t('no_group'), '');
  select.append(none);
  for (const g of state.board.groups) select.append(new Option(g.title, g.id));
  select.value = current;
  select.addEventListener('change', () => {
    boardRequest('group_move', { contribution: id, group: select.value || null });
  });
  return select;
}

function renameForm(g) {
  const input = document.createElement('input');
  input.type = 'text';
  input.className = 'form-control form-control-sm';
  input.value = g.title;
  input.maxLength = 200;
  input.setAttribute('aria-label', t('group_rename_label'));
  return inlineForm('rename', input, t('group_rename'), () => {
    const title = input.value.trim();
    if (title && title !== g.title) boardRequest('group_rename', { group: g.id, title });
  });
}

function boardRequest(type, fields) {
  $('groups-error').textContent = '';
  return state.socket.send(type, fields).catch((err) => {
    $('groups-error').textContent = errorText(err);
  });
}

function runClustering() {
  $('cluster-run').disabled = true;
  $('cluster-status').textContent = t('cluster_running');
  $('groups-error').textContent = '';
  state.socket.send('cluster_run', {})
    .then((r) => { $('cluster-status').textContent = t('cluster_done', r); })
    .catch((err) => { $('cluster-status').textContent = ''; $('groups-error').textContent = errorText(err); })
    .finally(() => { $('cluster-run').disabled = false; });
}

function updateCounter() {
  const n = [...$('submit-text').value].length;
  $('submit-counter').textContent = t('counter', { n, max: maxTextChars });
  $('submit-counter').classList.toggle('over', n > maxTextChars);
}

// The lobby's settings (staff), and the reveal of private writing.
function renderSettings() {
  const m = state.meeting;
  const lobby = m.phase === 'lobby';
  $('settings-form').hidden = !isStaff() || !lobby;
  if (lobby && document.activeElement?.closest('#settings-form') == null) {
    $('set-anonymous').checked = m.anonymous;
    $('set-private').checked = m.private_writing;
    $('set-budget').value = m.support_budget;
    $('set-max').value = m.max_supports_per_contribution;
  }
  $('reveal').hidden = !isStaff() || !m.private_writing || m.revealed || m.phase === 'closed';
}

function staffRequest(type, fields) {
  $('staff-error').textContent = '';
  return state.socket.send(type, fields).catch((err) => { $('staff-error').textContent = errorText(err); });
}

function renderOutbox(count) {
  const held = state.socket?.heldCount() ?? 0;
  $('outbox-status').textContent = count > 0 && state.connection !== 'open' ? t('outbox_waiting', { n: count })
    : held > 0 ? t('outbox_held', { n: held })
      : count > 0 ? t('sending') : '';
}

// What is typed but not sent stays on this device (per meeting) until sent.
function draftKey() {
  return state.meeting ? `tavolo.draft.${location.host}.${state.meeting.id}` : null;
}

function saveDraft() {
  const key = draftKey();
  if (!key) return;
  try {
    if ($('submit-text').value) localStorage.setItem(key, $('submit-text').value);
    else localStorage.removeItem(key);
  } catch { /* storage disabled */ }
}

function restoreDraft() {
  const key = draftKey();
  if (!key || $('submit-text').value) return;
  try {
    const draft = localStorage.getItem(key);
    if (draft) {
      $('submit-text').value = draft;
      updateCounter();
    }
  } catch { /* storage disabled */ }
}

function setConnection(s) {
  state.connection = s;
  const el = $('connection');
  el.dataset.state = s;
  el.textContent = t(`conn_${s}`);
  if (state.socket) renderOutbox(state.socket.outboxSize());
}

function announce(text) {
  const el = $('announcer');
  el.textContent = '';
  // A fresh node makes screen readers read it even when the text repeats.
  requestAnimationFrame(() => { el.textContent = text; });
}

function applyLanguage() {
  translatePage();
  $('lang-switch').textContent = t('switch_language');
  $('lang-switch').lang = language() === 'it' ? 'en' : 'it';
  setConnection(state.connection);
  updateCounter();
  if (state.meeting) renderMeetingHead();
  else showJoinTexts();
  updateCounts();
}

function showJoinTexts() {
  const facilitating = state.route.mode === 'facilitate';
  $('join-title').textContent = t(facilitating ? 'facilitate_title' : 'join_title');
  $('join-intro').textContent = t(facilitating ? 'facilitate_intro' : 'join_intro');
}

function init() {
  $('join-form').addEventListener('submit', onJoinSubmit);
  $('submit-form').addEventListener('submit', onSubmit);
  $('submit-text').addEventListener('input', () => { updateCounter(); saveDraft(); });
  $('cluster-run').addEventListener('click', runClustering);
  $('invite-copy').addEventListener('click', copyInvite);
  $('timer-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const minutes = Number($('timer-minutes').value);
    if (!(minutes >= 1 && minutes <= 240)) { $('staff-error').textContent = t('timer_invalid'); return; }
    staffRequest('timer', { seconds: Math.round(minutes * 60) });
  });
  $('timer-stop').addEventListener('click', () => staffRequest('timer', { seconds: 0 }));
  $('settings-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const budget = Number($('set-budget').value);
    const max = Number($('set-max').value);
    if (!(budget >= 0 && budget <= 1000 && max >= 1 && max <= 100)) { $('staff-error').textContent = t('settings_invalid'); return; }
    staffRequest('configure', { anonymous: $('set-anonymous').checked, private_writing: $('set-private').checked, support_budget: budget, max_supports_per_contribution: max })
      .then(() => announce(t('settings_saved')));
  });
  $('reveal').addEventListener('click', () => staffRequest('reveal', {}));
  $('lock-toggle').addEventListener('click', () => staffRequest('lock', { locked: !state.meeting.locked }));
  $('phase-select').addEventListener('change', () => {
    $('staff-error').textContent = '';
    state.socket.send('set_phase', { phase: $('phase-select').value }).catch((err) => {
      $('staff-error').textContent = errorText(err);
      $('phase-select').value = state.meeting.phase;
    });
  });
  $('submit-text').addEventListener('keydown', (e) => {
    // Ctrl+Enter (or Cmd+Enter) sends, as in most chat and board tools.
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('submit-form').requestSubmit();
  });
  $('lang-switch').addEventListener('click', () => {
    setLanguage(language() === 'it' ? 'en' : 'it');
    applyLanguage();
  });
  window.addEventListener('hashchange', () => {
    state.route = parseRoute(location.hash);
    if (!state.meeting) showJoin();
  });
  applyLanguage();
  showJoin();
}

init();
