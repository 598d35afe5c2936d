// The contribution form: kind and text, the counter, the draft kept on this
// device until sent (with its kind), and the outbox's state. The form shows
// while collecting only; around it, views/guide.js says what the phase is.
import { t } from '../i18n.js';
import { canWrite } from '../meeting/state.js';
import { $ } from '../ui/dom.js';
import { errorText } from '../ui/format.js';
import { maxTextChars, session } from '../session.js';
import { renderGuide } from './guide.js';

export function renderSubmit() {
  const { meeting } = session.state;
  if (!meeting) return;
  const writable = canWrite(session.state);
  $('submit-button').disabled = !writable;
  $('submit-closed').textContent = writable ? '' : t(meeting.locked ? 'submissions_locked' : 'submissions_closed');
  $('submit-text').maxLength = maxTextChars();
  renderFormShown();
  updateCounter();
  renderGuide();
}

export function updateCounter() {
  const n = [...$('submit-text').value].length;
  const max = maxTextChars();
  $('submit-counter').textContent = t('counter', { n, max });
  $('submit-counter').classList.toggle('over', n > max);
}

export function onSubmit(event) {
  event.preventDefault();
  const text = $('submit-text').value.trim();
  if (!text) {
    $('submit-error').textContent = t('error_text_empty');
    $('submit-text').focus();
    return;
  }
  const kind = chosenKind();
  $('submit-error').textContent = '';
  $('submit-text').value = '';
  saveDraft();
  updateCounter();
  session.socket.submit({ kind, text }).catch((err) => {
    $('submit-error').textContent = errorText(err);
    // Give the text back so nothing typed is lost.
    if (!$('submit-text').value) $('submit-text').value = text;
    saveDraft();
    updateCounter();
  });
}

// A contribution refused after a reload: its text comes back into the form.
export function giveBack(item, err) {
  $('submit-error').textContent = errorText(err);
  if (!$('submit-text').value) {
    $('submit-text').value = item.text;
    saveDraft();
    updateCounter();
  }
}

// Nobody can use the form in another phase: it is not shown (a draft stays
// in it, and on this device, for the next collection). Only texts queued on
// this device keep a trace of it, dormant: its title and the queue's state.
function renderFormShown() {
  const meeting = session.state.meeting;
  if (!meeting) return;
  const collecting = meeting.phase === 'collect';
  const queued = (session.socket?.outboxSize() ?? 0) + (session.socket?.heldCount() ?? 0) > 0;
  $('submit-form').hidden = !collecting && !queued;
  $('submit-form').classList.toggle('dormant', !collecting);
}

export function renderOutbox() {
  renderFormShown();
  const socket = session.socket;
  const count = socket?.outboxSize() ?? 0;
  const held = socket?.heldCount() ?? 0;
  $('outbox-status').textContent = count > 0 && session.connection !== 'open' ? t('outbox_waiting', { n: count })
    : held > 0 ? t('outbox_held', { n: held })
      : count > 0 ? t('sending') : '';
}

const chosenKind = () => new FormData($('submit-form')).get('kind') ?? 'proposal';

// What is typed but not sent stays on this device (per meeting) until sent,
// with the kind chosen for it.
function draftKey() {
  const m = session.state.meeting;
  return m ? `tavolo.draft.${location.host}.${m.id}` : null;
}

export function saveDraft() {
  const key = draftKey();
  if (!key) return;
  try {
    const text = $('submit-text').value;
    if (text) localStorage.setItem(key, JSON.stringify({ text, kind: chosenKind() }));
    else localStorage.removeItem(key);
  } catch { /* storage disabled */ }
}

export function restoreDraft() {
  const key = draftKey();
  if (!key || $('submit-text').value) return;
  let draft = null;
  try {
    const saved = localStorage.getItem(key);
    // Drafts saved by an older page are the bare text.
    if (saved) draft = saved.startsWith('{') ? JSON.parse(saved) : { text: saved };
  } catch { /* storage disabled, or not ours */ }
  if (!draft?.text) return;
  $('submit-text').value = draft.text;
  const radio = draft.kind && $(`kind-${draft.kind}`);
  if (radio) radio.checked = true;
  updateCounter();
}

export function bindSubmit() {
  $('submit-form').addEventListener('submit', onSubmit);
  $('submit-text').addEventListener('input', () => { updateCounter(); saveDraft(); });
  for (const radio of document.querySelectorAll('#submit-form input[name="kind"]')) radio.addEventListener('change', saveDraft);
  $('submit-text').addEventListener('keydown', (e) => {
    // Ctrl+Enter (or Cmd+Enter) sends, as in most chat and board tools.
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) $('submit-form').requestSubmit();
  });
}
