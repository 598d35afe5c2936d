// The presenter's screen (#/present/CODE): what the facilitator shares in the
// video call, readable from a distance at 1920×1080, with no controls. The
// screens themselves are views/present_screens.js; this module joins,
// follows the meeting and draws the header (title, phase, countdown,
// presence).
//
// Who may open it: staff only. The facilitator page's link opens
// #/present/CODE/SECRET in a new tab; this tab keeps the secret in its
// sessionStorage (so a reload still works) and drops it from the address at
// once, then joins as a facilitator named "Schermo di presentazione" with a
// resume token of its own (tavolo.CODE.present), so it never takes over the
// facilitator's token and is not counted among the participants (presence
// counts participants only; staff see it in their list as a facilitator).
// Without the secret, as for a participant typing the address, it says where
// the screen opens from and joins nothing.
//
// What it shows: what a participant may see, never more, although it holds
// what staff hold (meeting/peer_view.js).
import { language, setLanguage, t, tn, translatePage } from '../i18n.js';
import { socketUrl } from '../live/reconnect.js';
import { LiveSocket } from '../live/socket.js';
import { applyEvent, applyJoin, isStaff } from '../meeting/state.js';
import { shownCode } from '../meeting/route.js';
import { session } from '../session.js';
import { $, element } from '../ui/dom.js';
import { clockText, errorText } from '../ui/format.js';
import { renderScreen } from './present_screens.js';

const normal = (code) => code.toUpperCase().replace(/[\s-]/g, '');
const secretKey = (code) => `tavolo.present.${normal(code)}`;

// The secret from the address (then dropped from it) or from this tab.
function takeSecret(code) {
  const { secret } = session.route;
  if (secret) {
    try { sessionStorage.setItem(secretKey(code), secret); } catch { /* kept in memory only */ }
    history.replaceState(null, '', `${location.pathname}${location.search}#/present/${encodeURIComponent(code)}`);
    session.route = { mode: 'present', code };
    return secret;
  }
  try { return sessionStorage.getItem(secretKey(code)); } catch { return null; }
}

const withId = (el, id) => { el.id = id; return el; };

function buildPage() {
  document.body.classList.add('presenting');
  $('join-view').hidden = true;
  $('meeting-view').hidden = true;
  const head = element('header', 'present-head',
    element('div', 'present-titles', withId(element('p', 'present-community'), 'present-community'),
      withId(element('h1', 'present-title'), 'present-title')),
    element('div', 'present-meta',
      withId(element('p', 'present-phase'), 'present-phase'),
      withId(element('p', 'present-timer'), 'present-timer'),
      withId(element('p', 'present-presence'), 'present-presence'),
      withId(element('p', 'present-connection'), 'present-connection')));
  const view = withId(element('section', 'present', head, withId(element('div', 'present-body'), 'present-body')), 'present-view');
  view.setAttribute('aria-labelledby', 'present-title');
  $('main').append(view);
}

// Its own styles, which a participant's page never loads.
function loadStyles() {
  const link = document.createElement('link');
  link.rel = 'stylesheet';
  link.href = '/css/present.css';
  const loaded = new Promise((resolve) => {
    link.addEventListener('load', resolve);
    link.addEventListener('error', resolve);
  });
  document.head.append(link);
  return loaded;
}

// Why this screen does not open, and the way in for a participant.
function showRefusal(reason) {
  session.socket?.stop();
  const code = shownCode(session.route.code);
  const join = element('a', '', t('present_join_instead'));
  join.href = `#/join/${encodeURIComponent(code)}`;
  join.addEventListener('click', () => setTimeout(() => location.reload()));
  $('present-title').textContent = t('present_refused_title');
  document.querySelector('.present-meta').hidden = true;
  $('present-body').replaceChildren(element('div', 'present-refused',
    element('p', 'present-lead', reason), element('p', 'present-lead', join)));
  $('present-view').dataset.screen = 'refused';
}

function render() {
  const { meeting } = session.state;
  if (!meeting) return;
  $('present-community').textContent = meeting.community;
  $('present-title').textContent = meeting.title;
  $('present-phase').textContent = t(`phase_${meeting.phase}`);
  $('present-presence').textContent = tn('presence', session.state.presence.count);
  $('present-presence').hidden = meeting.phase === 'lobby'; // the lobby says it large
  document.title = `${meeting.title} · ${t('presenter_name')}`;
  renderTimer(meeting);
  $('present-view').dataset.screen = renderScreen($('present-body'), session.state);
}

// The countdown is set again only when the meeting's frame is new: its `now`
// is the server's clock when that frame was made, so it must be read as
// soon as the frame arrives, not at a later redraw.
let tick = null;
let timed = null;
function renderTimer(meeting) {
  if (meeting === timed) return;
  timed = meeting;
  clearInterval(tick);
  const ends = meeting.timer_ends_at;
  const el = $('present-timer');
  el.hidden = !ends || meeting.phase === 'closed';
  if (el.hidden) return;
  const offset = meeting.now - Date.now(); // the server's clock
  const show = () => {
    const left = Math.max(0, Math.round((ends - (Date.now() + offset)) / 1000));
    el.textContent = `${t('timer_left')} ${clockText(left)}`;
    el.classList.toggle('over', left === 0);
    if (left === 0) clearInterval(tick);
  };
  show();
  tick = setInterval(show, 1000);
}

function renderConnection() {
  const el = $('present-connection');
  el.hidden = session.connection === 'open';
  el.textContent = t(`conn_${session.connection}`);
}

function onJoined(result) {
  session.state = applyJoin(session.state, result);
  if (!isStaff(session.state)) {
    showRefusal(t('present_refused'));
    return;
  }
  render();
}

// Events may come in bursts (hundreds of people writing or supporting): the
// screen is drawn at most once per `drawEveryMs`, on a timer so that a tab
// in the background still follows.
const drawEveryMs = 100;
let drawTimer = null;
function onEvent(msg) {
  const before = session.state;
  session.state = applyEvent(before, msg);
  if (session.state === before) return;
  drawTimer ??= setTimeout(() => {
    drawTimer = null;
    render();
  }, drawEveryMs);
}

export async function startPresenting() {
  buildPage();
  translatePage();
  const styled = loadStyles();
  const code = session.route.code;
  const secret = takeSecret(code);
  await styled;
  if (!secret) {
    showRefusal(t('present_refused'));
    return;
  }
  session.socket = new LiveSocket({
    url: socketUrl(location, code),
    join: { code, name: t('presenter_name'), organization: '', secret },
    storageKey: `tavolo.${normal(code)}.present`,
    onState: (s) => {
      session.connection = s;
      renderConnection();
    },
    onJoined,
    onEvent,
    onJoinRejected: (err) => showRefusal(err.code === 'bad_secret' ? t('present_refused') : errorText(err)),
  });
  session.socket.start();
  // The facilitator switches the language in their tab: this one follows.
  window.addEventListener('storage', (e) => {
    if (e.key !== 'tavolo.lang' || !e.newValue || e.newValue === language()) return;
    setLanguage(e.newValue);
    translatePage();
    renderConnection();
    render();
  });
}
