// Calendars in the community page: each meeting's "add to calendar" file and
// its date and time (a change reaches every calendar that has it), and the
// community's feed, a secret address calendar apps subscribe to. The
// address is shown once, when made: the server keeps only its hash.
import { t } from '../../i18n.js';
import { announce } from '../../ui/dom.js';
import { api, apiVersioned } from '../api.js';
import { field, h, saveMark } from '../dom.js';
import { act } from '../state.js';

// The start time and duration fields of a meeting's form.
export function scheduleFields(m = { starts_at: '', duration_minutes: 120 }) {
  const startsAt = h('input', { type: 'time', value: m.starts_at });
  const duration = h('input', { type: 'number', min: '5', max: '1440', step: '5', value: String(m.duration_minutes) });
  return {
    startsAt, duration,
    fields: [field(t('coord_starts_at'), startsAt, t('coord_starts_at_hint')), field(t('coord_duration'), duration)],
    values: () => ({ starts_at: startsAt.value, duration_minutes: Number(duration.value) || 120 }),
  };
}

// "10:30, 90 min" or "tutto il giorno".
export function timeText(m) {
  return m.starts_at ? t('coord_time_range', { start: m.starts_at, minutes: m.duration_minutes }) : t('coord_all_day');
}

// The meeting's .ics link and, folded, the form that moves it.
export function meetingCalendar(m, redrawPage) {
  const file = h('a', {
    class: 'btn btn-outline-primary btn-sm calendar-add', href: `/api/v1/meetings/${m.id}/calendar.ics`,
    download: `incontro-${m.id}.ics`, 'aria-label': t('coord_calendar_add_of', { title: m.title }),
  }, t('calendar_add'));
  const date = h('input', { type: 'date', value: m.scheduled_on });
  const schedule = scheduleFields(m);
  const form = h('form', { class: 'reschedule', dataset: { need: 'community' } }, field(t('coord_date'), date), schedule.fields,
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('coord_reschedule_save')), saveMark(`schedule-${m.id}`));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(async () => {
      // The version it changes: a move made meanwhile by someone else is 412.
      const { etag } = await apiVersioned('GET', `/api/v1/meetings/${m.id}`);
      return api('PATCH', `/api/v1/meetings/${m.id}`, { scheduled_on: date.value, ...schedule.values() }, { ifMatch: etag });
    }, async () => { await redrawPage(); announce(t('coord_rescheduled', { title: m.title })); });
  });
  const edit = h('details', { class: 'reschedule-box', dataset: { need: 'community' } },
    h('summary', {}, t('coord_reschedule_of', { title: m.title })), form);
  return [file, edit];
}

// The "Calendario della comunità" section.
export async function communityFeed(slug) {
  const path = `/api/v1/communities/${encodeURIComponent(slug)}/calendar-link`;
  const { exists } = await api('GET', path);
  const box = h('div', { class: 'feed-links', role: 'status' });
  const state = h('p', { class: 'muted' }, exists ? t('coord_feed_exists') : t('coord_feed_none'));
  const make = h('button', { type: 'button', class: 'btn btn-primary btn-sm' }, exists ? t('coord_feed_remake') : t('coord_feed_make'));
  const revoke = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', hidden: !exists }, t('coord_feed_revoke'));
  make.addEventListener('click', () => act(() => api('POST', path), (r) => {
    state.textContent = t('coord_feed_once');
    make.textContent = t('coord_feed_remake');
    revoke.hidden = false;
    box.replaceChildren(...feedLinks(r));
  }, { key: 'feed', said: t('coord_feed_made') }));
  revoke.addEventListener('click', () => act(() => api('DELETE', path), () => {
    state.textContent = t('coord_feed_none');
    make.textContent = t('coord_feed_make');
    revoke.hidden = true;
    box.replaceChildren();
  }, { key: 'feed', said: t('coord_feed_revoked') }));
  return h('section', { class: 'community-feed', 'aria-labelledby': 'feed-title' },
    h('h2', { id: 'feed-title' }, t('coord_feed_title')), h('p', {}, t('coord_feed_intro')), state, box,
    h('div', { class: 'actions', dataset: { need: 'community' } }, make, revoke, saveMark('feed')));
}

function feedLinks(r) {
  const url = h('input', { readOnly: true, value: r.feed_url, class: 'form-control feed-url' });
  const copy = h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm' }, t('coord_feed_copy'));
  copy.addEventListener('click', async () => {
    url.select();
    try { await navigator.clipboard.writeText(r.feed_url); } catch { document.execCommand?.('copy'); }
    announce(t('coord_feed_copied'));
  });
  return [field(t('coord_feed_url'), url), h('p', { class: 'actions' }, copy,
    h('a', { class: 'btn btn-outline-primary btn-sm', href: r.webcal_url }, t('coord_feed_subscribe')))];
}
