// What each phase says to everyone around the contribution form: in the
// lobby, a waiting state for participants (not a disabled form); while
// collecting, the meeting's question above the form; once closed, a closing
// message and the community's published plan when there is one.
import { t, tn } from '../i18n.js';
import { $ } from '../ui/dom.js';
import { session, staff } from '../session.js';

export function renderGuide() {
  const m = session.state.meeting;
  if (!m) return;
  const question = (m.question ?? '').trim();
  const waiting = m.phase === 'lobby' && !staff();
  $('waiting-view').hidden = !waiting;
  $('waiting-question').hidden = !waiting || !question;
  if (waiting && question) $('waiting-question').textContent = t('waiting_question', { question });
  renderWaitingPresence();

  $('question-view').hidden = m.phase !== 'collect' || !question;
  $('question-text').textContent = question;

  renderClosing(m);
}

export function renderWaitingPresence() {
  const count = session.state.presence?.count;
  $('waiting-presence').textContent = count ? tn('waiting_presence', count) : '';
}

function renderClosing(m) {
  const closed = m.phase === 'closed';
  $('closed-view').hidden = !closed;
  if (!closed) return;
  const link = planLink(m.published_plan);
  $('closed-next').textContent = t(link ? 'closed_next_plan' : 'closed_next');
  $('closed-plan').hidden = !link;
  if (!link) return;
  $('closed-plan-link').href = link;
  const { year, version } = m.published_plan;
  $('closed-plan-version').textContent = year && version ? t('closed_plan_version', { year, version }) : '';
}

// The published plan's address: the meeting may carry it as a string or as
// an object with a `url`. Only addresses on this site or over http(s) are
// followed, so a stored value can never become a script link.
export function planLink(plan, origin = globalThis.location?.origin) {
  const raw = typeof plan === 'string' ? plan : plan?.url;
  if (!raw) return null;
  try {
    const url = new URL(raw, origin);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}
