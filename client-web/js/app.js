// The page: routes (#/join/CODE, #/facilitate/CODE/SECRET), the join form,
// and the live board of a meeting. User text is always set with textContent.
import { LiveSocket } from './live-socket.js';
import { language, setLanguage, t, translatePage } from './i18n.js';

const maxTextChars = 1000;
const profileKey = 'tavolo.profile';
const $ = (id) => document.getElementById(id);

const state = {
  route: parseRoute(location.hash),
  socket: null,
  meeting: null,
  you: null,
  seen: new Set(), // contribution ids on the board
  connection: 'idle',
};

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
    for (const list of document.querySelectorAll('.cards')) list.replaceChildren();
    for (const c of result.contributions) addCard(c, false);
  }
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
  document.title = `${state.meeting.title} · tavolo`;
}

function onEvent(msg) {
  switch (msg.type) {
    case 'contribution': {
      const c = msg.contribution;
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
      if (li) li.textContent = t('supports', { n: msg.supports });
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
      break;
    case 'presence':
      $('presence').textContent = t(msg.count === 1 ? 'presence_one' : 'presence', { n: msg.count });
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
    li.append(text, author, supports);
    list.append(li);
  }
  state.seen.add(c.id);
  li.dataset.seq = c.seq;
  li.dataset.status = c.status ?? 'visible';
  li.querySelector('.text').textContent = c.text;
  li.querySelector('.author').textContent = c.author ? `${c.author.name} · ${c.author.organization}` : t('anonymous');
  li.querySelector('.supports').textContent = c.supports ? t('supports', { n: c.supports }) : '';
  return true;
}

function removeCard(id) {
  state.seen.delete(id);
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
  updateCounter();
  state.socket.submit({ kind, text }).catch((err) => {
    $('submit-error').textContent = errorText(err);
    // Give the text back so nothing typed is lost.
    if (!$('submit-text').value) $('submit-text').value = text;
    updateCounter();
  });
}

function updateCounter() {
  const n = [...$('submit-text').value].length;
  $('submit-counter').textContent = t('counter', { n, max: maxTextChars });
  $('submit-counter').classList.toggle('over', n > maxTextChars);
}

function renderOutbox(count) {
  $('outbox-status').textContent = count > 0 && state.connection !== 'open' ? t('outbox_waiting', { n: count }) : count > 0 ? t('sending') : '';
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
  $('submit-text').addEventListener('input', updateCounter);
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
