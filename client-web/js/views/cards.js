// The contribution cards in their columns by kind, and what one can do with
// a card: the author edits and withdraws while collecting; participants
// support while voting; staff hide, restore, merge and edit at any time.
import { t, tn } from '../i18n.js';
import { isVisible } from '../meeting/state.js';
import { $, announce, button, element } from '../ui/dom.js';
import { errorText } from '../ui/format.js';
import { maxTextChars, send, session, staff } from '../session.js';

const cardOf = (id) => document.querySelector(`.cards li[data-id="${CSS.escape(id)}"]`);

// Brings the cards in line with the state: only cards whose contribution
// changed (a new object) are touched. `fresh` marks arrivals for the eye.
export function renderCards(before, after, fresh) {
  for (const [id, c] of after.contributions) {
    if (before.contributions.get(id) !== c || !cardOf(id)) drawCard(c, fresh && !before.contributions.has(id));
  }
  for (const id of before.contributions.keys()) if (!after.contributions.has(id)) cardOf(id)?.remove();
  updateCounts();
}

// Every card again (a snapshot, a new phase, another language).
export function redrawCards() {
  for (const list of document.querySelectorAll('.cards')) list.replaceChildren();
  for (const c of [...session.state.contributions.values()].sort((a, b) => a.seq - b.seq)) drawCard(c, false);
  updateCounts();
}

export function redrawCardActions() {
  for (const li of document.querySelectorAll('.cards > li')) renderCardActions(li, session.state.contributions.get(li.dataset.id));
}

function drawCard(c, fresh) {
  const list = document.querySelector(`.cards[data-kind="${c.kind}"]`);
  if (!list) return;
  let li = cardOf(c.id);
  if (!li) {
    li = element('li', fresh ? 'card contribution fresh' : 'card contribution',
      element('p', 'text'), element('p', 'author'), element('p', 'supports'), element('div', 'card-actions'));
    li.dataset.id = c.id;
    list.append(li);
  }
  li.dataset.seq = c.seq;
  li.dataset.status = c.status ?? 'visible';
  li.querySelector('.text').textContent = c.text;
  li.querySelector('.author').textContent = c.author ? `${c.author.name} · ${c.author.organization}` : t('anonymous');
  li.querySelector('.supports').textContent = !isVisible(c) ? t(`status_${c.status}`)
    : c.supports ? tn('supports', c.supports) : '';
  renderCardActions(li, c);
}

function updateCounts() {
  for (const el of document.querySelectorAll('[data-count]')) {
    const kind = el.dataset.count;
    const n = [...session.state.contributions.values()].filter((c) => c.kind === kind && isVisible(c)).length;
    el.textContent = String(n);
  }
  for (const list of document.querySelectorAll('.cards')) list.dataset.empty = t('empty_column');
}

function renderCardActions(li, c) {
  const box = li?.querySelector('.card-actions');
  const { meeting, you } = session.state;
  if (!box || !c || !meeting || li.querySelector('.edit-form')) return;
  const phase = meeting.phase;
  const isStaff = staff();
  const open = phase !== 'closed';
  const visible = isVisible(c);
  const label = c.text.slice(0, 60);
  const items = [];
  const action = (text, key, run, cls = 'btn btn-link btn-sm') => {
    const b = button(text, cls, `${key}:${c.id}`, run);
    b.setAttribute('aria-label', `${text}: ${label}`);
    items.push(b);
    return b;
  };
  if (phase === 'vote' && !isStaff && visible) {
    const mine = you.supports?.[c.id] ?? 0;
    const give = action(t('support'), 'support', () => supportRequest('support', c.id), 'btn btn-outline-primary btn-sm');
    give.disabled = you.budget_left <= 0 || mine >= meeting.max_supports_per_contribution;
    if (mine > 0) {
      give.setAttribute('aria-pressed', 'true');
      action(t('unsupport'), 'unsupport', () => supportRequest('unsupport', c.id));
    }
  }
  if (open && (c.mine || isStaff) && visible && (isStaff || phase === 'collect')) action(t('edit'), 'edit', () => editCard(li, c));
  if (open && c.mine && visible && phase === 'collect') {
    const b = action(t('withdraw'), 'withdraw', () => {
      if (b.dataset.confirm) return cardRequest('withdraw', c.id);
      b.dataset.confirm = '1';
      b.textContent = t('withdraw_confirm');
      b.setAttribute('aria-label', `${t('withdraw_confirm')}: ${label}`);
      b.focus();
    });
  }
  if (open && isStaff && visible) action(t('hide'), 'hide', () => cardRequest('hide', c.id));
  if (open && isStaff && visible) action(t('merge_into'), 'merge', () => mergeCard(li, c));
  if (open && isStaff && c.status === 'hidden') action(t('restore'), 'restore', () => cardRequest('restore', c.id));
  const focused = document.activeElement?.dataset?.key;
  box.replaceChildren(...items);
  if (focused) box.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}

function editCard(li, c) {
  const id = `edit-${c.id}`;
  const label = element('label', 'visually-hidden', t('edit_label'));
  label.htmlFor = id;
  const area = element('textarea', 'form-control');
  area.id = id;
  area.rows = 3;
  area.maxLength = maxTextChars();
  area.value = c.text;
  const save = element('button', 'btn btn-primary btn-sm', t('save'));
  save.type = 'submit';
  const error = element('p', 'form-error');
  error.setAttribute('role', 'alert');
  const form = element('form', 'edit-form');
  const close = () => {
    form.remove();
    li.querySelector('.text').hidden = false;
    renderCardActions(li, session.state.contributions.get(c.id));
    li.querySelector('.card-actions button')?.focus();
  };
  form.append(label, area, save, button(t('cancel'), 'btn btn-link btn-sm', `cancel:${c.id}`, close), error);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const text = area.value.trim();
    if (!text) { error.textContent = t('error_text_empty'); return; }
    if (text === c.text) { close(); return; }
    save.disabled = true;
    send('edit', { id: c.id, text })
      .then(() => { close(); announce(t('saved')); })
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
  const others = [...session.state.contributions.values()].filter((o) => o.id !== c.id && isVisible(o));
  if (others.length === 0) {
    $('board-error').textContent = t('merge_nothing');
    return;
  }
  const id = `merge-${c.id}`;
  const label = element('label', '', t('merge_keep'));
  label.htmlFor = id;
  const select = element('select', 'form-select form-select-sm');
  select.id = id;
  for (const o of others) select.append(new Option(o.text.length > 80 ? `${o.text.slice(0, 80)}…` : o.text, o.id));
  const ok = element('button', 'btn btn-primary btn-sm', t('merge_confirm'));
  ok.type = 'submit';
  const form = element('form', 'merge-form', label, select, ok,
    button(t('cancel'), 'btn btn-link btn-sm', `merge-cancel:${c.id}`, () => renderCardActions(li, c)));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    $('board-error').textContent = '';
    send('merge', { keep: select.value, ids: [c.id] }).catch((err) => {
      $('board-error').textContent = errorText(err);
      renderCardActions(li, c);
    });
  });
  li.querySelector('.card-actions').replaceChildren(form);
  select.focus();
}

function cardRequest(type, id) {
  $('board-error').textContent = '';
  return send(type, { id }).catch((err) => { $('board-error').textContent = errorText(err); });
}

// Supports go through app.js, which folds the answer into the state.
let onSupport = () => {};
export function setSupportHandler(handler) { onSupport = handler; }

function supportRequest(type, id) {
  $('board-error').textContent = '';
  return send(type, { id }).then((r) => onSupport(id, r)).catch((err) => { $('board-error').textContent = errorText(err); });
}

// The board by kind shows while collecting, or for a kick-off with cards;
// a follow-up meeting is about its plan. In a kick-off's cluster phase the
// groups are the board (views/board.js), so the columns by kind step aside.
export function boardShown() {
  const m = session.state.meeting;
  if (!m) return false;
  if (m.kind === 'followup') return m.phase === 'collect' || session.state.contributions.size > 0;
  return m.phase !== 'cluster';
}

