// The meeting's header: community, title, role, who you are and presence
// (these scroll away), then the sticky line with the phase, the countdown on
// the server's clock and the support budget; the store alert, and the
// connection's state.
import { t, tn } from '../i18n.js';
import { $ } from '../ui/dom.js';
import { clockText } from '../ui/format.js';
import { shownCode } from '../meeting/route.js';
import { session, staff } from '../session.js';
import { renderWaitingPresence } from './guide.js';

export function renderHead() {
  const { meeting, you } = session.state;
  if (!meeting) return;
  $('meeting-community').textContent = meeting.community;
  $('meeting-title').textContent = meeting.title;
  $('meeting-phase').textContent = t(`phase_${meeting.phase}`);
  $('meeting-role').textContent = t(`role_${you.role}`);
  $('meeting-you').textContent = you.organization ? `${you.name} · ${you.organization}` : you.name;
  document.title = `${meeting.title} · tavolo`;
  // The meeting's calendar file: the code is all it takes, as for joining.
  const link = $('meeting-calendar');
  link.hidden = !session.code;
  if (session.code) {
    const code = shownCode(session.code);
    link.href = `/api/v1/public/meetings/${encodeURIComponent(code)}/calendar.ics`;
    link.download = `incontro-${code}.ics`;
  }
  // Styles that depend on the phase and the role (the vote's support button
  // beside each card) key on these.
  $('meeting-view').dataset.phase = meeting.phase;
  $('meeting-view').dataset.role = you.role;
  renderBudget();
  renderTimer();
}

export function renderBudget() {
  const { meeting, you } = session.state;
  const voting = meeting?.phase === 'vote' && !staff();
  $('budget').hidden = !voting;
  if (voting) $('budget').textContent = t('budget_left', { n: you.budget_left ?? 0 });
}

export function renderPresence() {
  const { count } = session.state.presence;
  $('presence').textContent = tn('presence', count);
  renderWaitingPresence();
}

export function renderAlert() {
  const alert = session.state.alert;
  $('store-alert').hidden = !alert;
  if (!alert) return;
  const text = t(`alert_${alert.code}`);
  $('store-alert').textContent = text === `alert_${alert.code}` ? alert.message : text;
}

// --- the countdown: the server's end time, on the server's clock ---

let timerTick = null;
// The server's clock minus this device's, taken when a meeting object
// arrives: its `now` is the server's clock when the frame was made. A redraw
// of the same object (a language switch) must not take it again, or the
// countdown would jump back to where it was when the frame came.
const clock = { meeting: null, offset: 0 };
function renderTimer() {
  clearInterval(timerTick);
  const meeting = session.state.meeting;
  const ends = meeting?.timer_ends_at;
  $('timer').hidden = !ends;
  if (!ends) return;
  if (clock.meeting !== meeting) {
    clock.meeting = meeting;
    clock.offset = meeting.now - Date.now();
  }
  const { offset } = clock;
  const show = () => {
    const left = Math.max(0, Math.round((ends - (Date.now() + offset)) / 1000));
    $('timer-value').textContent = clockText(left);
    $('timer').classList.toggle('over', left === 0);
    if (left === 0) clearInterval(timerTick);
  };
  show();
  timerTick = setInterval(show, 1000);
}

export function renderConnection() {
  const el = $('connection');
  el.dataset.state = session.connection;
  el.textContent = t(`conn_${session.connection}`);
}
