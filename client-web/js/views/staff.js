// What facilitators and coordinators run the meeting with: the phase (and
// the confirmation that reopens a closed meeting), the meeting's question,
// the timer, the lock, the lobby's settings, the reveal of private writing,
// the people connected, and the invitation (link and QR code). Every save
// shows a mark beside its control and is said to screen readers
// (ui/saved.js).
import { t } from '../i18n.js';
import { shownCode } from '../meeting/route.js';
import { loadQrcode } from '../lazy.js';
import { $, announce, button, element } from '../ui/dom.js';
import { errorText } from '../ui/format.js';
import { showSaved } from '../ui/saved.js';
import { send, session, staff } from '../session.js';

export function renderStaff() {
  const m = session.state.meeting;
  $('staff-controls').hidden = !staff();
  if (!staff() || !m) return;
  renderInvite();
  renderSettings();
  renderQuestionForm();
  $('timer-minutes').max = String(timerMinutesMax());
  $('lock-toggle').textContent = t(m.locked ? 'unlock_submissions' : 'lock_submissions');
  $('lock-toggle').setAttribute('aria-pressed', String(!!m.locked));
  // While a reopening waits for its confirmation, the select shows the
  // phase asked for; once the meeting is no longer closed there is nothing
  // to confirm.
  if (m.phase !== 'closed') $('reopen-confirm').hidden = true;
  if ($('reopen-confirm').hidden) $('phase-select').value = m.phase;
  else renderReopenTexts();
}

const saved = (id, said) => showSaved($(id), t('saved_mark'), said);

// The question the meeting asks, set in the lobby and while collecting (the
// contributions answer the question asked while they were collected). Shown
// only when the server keeps a question for the meeting.
function renderQuestionForm() {
  const m = session.state.meeting;
  const editable = 'question' in m && (m.phase === 'lobby' || m.phase === 'collect');
  $('question-form').hidden = !editable;
  if (!editable) return;
  $('question-input').maxLength = limits().max_question_chars ?? 300;
  // Someone typing keeps their text; otherwise the field follows the meeting.
  if (document.activeElement !== $('question-input')) $('question-input').value = m.question ?? '';
}

function saveQuestion(e) {
  e.preventDefault();
  const question = $('question-input').value.trim();
  const max = limits().max_question_chars ?? 300;
  if ([...question].length > max) { $('staff-error').textContent = t('question_too_long', { max }); return; }
  const said = t(question ? 'question_saved' : 'question_removed');
  if (question === (session.state.meeting.question ?? '')) { saved('question-saved', said); return; }
  staffRequest('set_question', { question }).then(() => saved('question-saved', said), () => {});
}

// --- the phase, and reopening a closed meeting only once confirmed ---

function renderReopenTexts() {
  const phase = t(`phase_${$('phase-select').value}`);
  $('reopen-text').textContent = t('reopen_text', { phase });
  $('reopen-yes').textContent = t('reopen_yes', { phase });
}

function askToReopen() {
  renderReopenTexts();
  $('reopen-confirm').hidden = false;
  $('reopen-yes').focus();
}

function cancelReopen() {
  $('reopen-confirm').hidden = true;
  $('phase-select').value = session.state.meeting.phase;
  $('phase-select').focus();
  announce(t('reopen_cancelled'));
}

function setPhase(phase) {
  return staffRequest('set_phase', { phase }).then(
    () => saved('phase-saved', t('phase_saved', { phase: t(`phase_${phase}`) })),
    () => { $('phase-select').value = session.state.meeting.phase; },
  );
}

function onPhaseChosen() {
  const phase = $('phase-select').value;
  if (phase === session.state.meeting.phase) { $('reopen-confirm').hidden = true; return; }
  if (session.state.meeting.phase === 'closed') { askToReopen(); return; }
  setPhase(phase);
}

// The lobby's settings (staff), and the reveal of private writing.
function renderSettings() {
  const m = session.state.meeting;
  const lobby = m.phase === 'lobby';
  $('settings-form').hidden = !lobby;
  const b = range('support_budget', 0, 1000);
  const s = range('max_supports_per_contribution', 1, 100);
  Object.assign($('set-budget'), { min: b.min, max: b.max });
  Object.assign($('set-max'), { min: s.min, max: s.max });
  if (lobby && document.activeElement?.closest('#settings-form') == null) {
    $('set-anonymous').checked = m.anonymous;
    $('set-private').checked = m.private_writing;
    $('set-budget').value = m.support_budget;
    $('set-max').value = m.max_supports_per_contribution;
  }
  $('reveal').hidden = !m.private_writing || m.revealed || m.phase === 'closed';
}

export function renderPeople() {
  const members = session.state.presence.members;
  if (!members) return;
  $('people-title').textContent = t('people_title_n', { n: members.length });
  $('people-list').replaceChildren(...members.map((m) => {
    const li = element('li', 'person', element('span', 'who', m.organization ? `${m.name} · ${m.organization}` : m.name));
    if (m.role !== 'participant') {
      li.append(element('span', 'muted', ` (${t(`role_${m.role}`)})`));
    } else if (session.state.meeting.phase !== 'closed') {
      const remove = button(t('remove_person'), 'btn btn-link btn-sm', `remove-person:${m.id}`, () => {
        if (!remove.dataset.confirm) {
          remove.dataset.confirm = '1';
          remove.textContent = t('remove_person_confirm');
          remove.setAttribute('aria-label', `${t('remove_person_confirm')} — ${m.name}`);
          return;
        }
        staffRequest('remove_participant', { participant: m.id })
          .then(() => saved('people-saved', t('person_removed', { name: m.name })), () => {});
      });
      remove.setAttribute('aria-label', t('remove_person_label', { name: m.name }));
      li.append(' ', remove);
    }
    return li;
  }));
}

// --- inviting: the join link as text and as a QR code ---


export const joinLink = () => `${location.origin}/#/join/${shownCode(session.route.code || session.state.meeting?.join_code || '')}`;

function renderInvite() {
  const link = joinLink();
  if ($('invite-link').value === link) return;
  $('invite-link').value = link;
  $('invite-code').textContent = shownCode(session.route.code || session.state.meeting.join_code || '');
  drawQr($('invite-qr'), link);
}

const svgNs = 'http://www.w3.org/2000/svg';

// The QR code of `link` drawn in `svg` as squares: no markup from strings.
export async function drawQr(svg, link) {
  const make = await loadQrcode();
  const qr = make(0, 'M');
  qr.addData(link);
  qr.make();
  const n = qr.getModuleCount();
  const quiet = 4;
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

function staffRequest(type, fields) {
  $('staff-error').textContent = '';
  return send(type, fields).catch((err) => {
    $('staff-error').textContent = errorText(err);
    throw err;
  });
}

// The server's limits from the join answer (docs/protocol.md, "The join's
// limits"), with the documented defaults before it answers.
const limits = () => session.state.limits ?? {};
const range = (name, min, max) => ({ min: limits()[name]?.min ?? min, max: limits()[name]?.max ?? max });

// The field asks for whole minutes; the server's limit is in seconds.
const timerMinutesMax = () => Math.floor(range('timer_seconds', 0, 240 * 60).max / 60);

function startTimer(e) {
  e.preventDefault();
  const minutes = Number($('timer-minutes').value);
  const max = timerMinutesMax();
  if (!(minutes >= 1 && minutes <= max)) { $('staff-error').textContent = t('timer_invalid', { max }); return; }
  staffRequest('timer', { seconds: Math.round(minutes * 60) }).then(() => saved('timer-saved', t('timer_started')), () => {});
}

function saveSettings(e) {
  e.preventDefault();
  const budget = Number($('set-budget').value);
  const max = Number($('set-max').value);
  const b = range('support_budget', 0, 1000);
  const m = range('max_supports_per_contribution', 1, 100);
  if (!(budget >= b.min && budget <= b.max && max >= m.min && max <= m.max)) {
    $('staff-error').textContent = t('settings_invalid', { bmin: b.min, bmax: b.max, mmin: m.min, mmax: m.max });
    return;
  }
  staffRequest('configure', { anonymous: $('set-anonymous').checked, private_writing: $('set-private').checked, support_budget: budget, max_supports_per_contribution: max })
    .then(() => saved('settings-saved', t('settings_saved')), () => {});
}

export function bindStaff() {
  $('invite-copy').addEventListener('click', copyInvite);
  $('timer-form').addEventListener('submit', startTimer);
  $('timer-stop').addEventListener('click', () => staffRequest('timer', { seconds: 0 })
    .then(() => saved('timer-saved', t('timer_stopped')), () => {}));
  $('settings-form').addEventListener('submit', saveSettings);
  $('question-form').addEventListener('submit', saveQuestion);
  $('reveal').addEventListener('click', () => staffRequest('reveal', {})
    .then(() => saved('reveal-saved', t('revealed_saved')), () => {}));
  $('lock-toggle').addEventListener('click', () => {
    const locked = !session.state.meeting.locked;
    staffRequest('lock', { locked }).then(() => saved('lock-saved', t(locked ? 'locked_saved' : 'unlocked_saved')), () => {});
  });
  $('phase-select').addEventListener('change', onPhaseChosen);
  $('reopen-yes').addEventListener('click', () => {
    const phase = $('phase-select').value;
    setPhase(phase).then(() => {
      $('reopen-confirm').hidden = true;
      $('phase-select').focus();
    });
  });
  $('reopen-no').addEventListener('click', cancelReopen);
  $('reopen-confirm').addEventListener('keydown', (e) => { if (e.key === 'Escape') cancelReopen(); });
}
