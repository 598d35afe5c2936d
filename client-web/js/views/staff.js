// What facilitators and coordinators run the meeting with: the phase, the
// timer, the lock, the lobby's settings, the reveal of private writing, the
// people connected, and the invitation (link and QR code).
import { t } from '../i18n.js';
import { shownCode } from '../meeting/route.js';
import { loadQrcode } from '../lazy.js';
import { $, announce, button, element } from '../ui/dom.js';
import { errorText } from '../ui/format.js';
import { send, session, staff } from '../session.js';

export function renderStaff() {
  const m = session.state.meeting;
  $('staff-controls').hidden = !staff();
  if (!staff() || !m) return;
  renderInvite();
  renderSettings();
  $('lock-toggle').textContent = t(m.locked ? 'unlock_submissions' : 'lock_submissions');
  $('lock-toggle').setAttribute('aria-pressed', String(!!m.locked));
  $('phase-select').value = m.phase;
}

// The lobby's settings (staff), and the reveal of private writing.
function renderSettings() {
  const m = session.state.meeting;
  const lobby = m.phase === 'lobby';
  $('settings-form').hidden = !lobby;
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
        staffRequest('remove_participant', { participant: m.id });
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

export function bindStaff() {
  const limits = () => session.state.limits ?? {};
  $('invite-copy').addEventListener('click', copyInvite);
  $('timer-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const minutes = Number($('timer-minutes').value);
    const max = (limits().timer_seconds_max ?? 240 * 60) / 60;
    if (!(minutes >= 1 && minutes <= max)) { $('staff-error').textContent = t('timer_invalid'); return; }
    staffRequest('timer', { seconds: Math.round(minutes * 60) }).then(() => announce(t('timer_started')), () => {});
  });
  $('timer-stop').addEventListener('click', () => staffRequest('timer', { seconds: 0 }).catch(() => {}));
  $('settings-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const budget = Number($('set-budget').value);
    const max = Number($('set-max').value);
    const l = limits();
    if (!(budget >= (l.support_budget_min ?? 0) && budget <= (l.support_budget_max ?? 1000)
      && max >= (l.max_supports_per_contribution_min ?? 1) && max <= (l.max_supports_per_contribution_max ?? 100))) {
      $('staff-error').textContent = t('settings_invalid');
      return;
    }
    staffRequest('configure', { anonymous: $('set-anonymous').checked, private_writing: $('set-private').checked, support_budget: budget, max_supports_per_contribution: max })
      .then(() => announce(t('settings_saved')), () => {});
  });
  $('reveal').addEventListener('click', () => staffRequest('reveal', {}).catch(() => {}));
  $('lock-toggle').addEventListener('click', () => staffRequest('lock', { locked: !session.state.meeting.locked }).catch(() => {}));
  $('phase-select').addEventListener('change', () => {
    staffRequest('set_phase', { phase: $('phase-select').value }).catch(() => {
      $('phase-select').value = session.state.meeting.phase;
    });
  });
}
