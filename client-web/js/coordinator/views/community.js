// One community: its people (people.js), its meetings (create, open, close,
// a new facilitator link; their calendars, calendar.js) and its objectives
// for a year.
import { t } from '../../i18n.js';
import { dateText, monthText } from '../../ui/format.js';
import { api } from '../api.js';
import { $, absolute, field, h, saveMark, select, show } from '../dom.js';
import { act, thisYear } from '../state.js';
import { communityFeed, meetingCalendar, scheduleFields, timeText } from './calendar.js';
import { peopleEditor } from './people.js';

// `keep` carries the people typed before a conflict (people.js).
export async function renderCommunity(slug, year, keep = null) {
  const [{ community }, { objectives }, feed] = await Promise.all([
    api('GET', `/api/v1/communities/${encodeURIComponent(slug)}`),
    api('GET', `/api/v1/communities/${encodeURIComponent(slug)}/objectives?year=${year}`),
    communityFeed(slug),
  ]);

  const again = () => renderCommunity(slug, year);
  const meetings = h('ul', { class: 'coord-list' }, community.meetings.map((m) => meetingCard(m, again)));
  const title = h('input', { maxLength: 200 });
  const date = h('input', { type: 'date', value: `${year}-05-15` });
  const kind = select([['kickoff', t('coord_kind_kickoff')], ['followup', t('coord_kind_followup')]], 'kickoff');
  const anonymous = h('input', { type: 'checkbox' });
  const schedule = scheduleFields();
  const meetingForm = h('form', { class: 'card', dataset: { need: 'community' } }, h('h3', {}, t('coord_new_meeting')),
    field(t('coord_title'), title), field(t('coord_date'), date), schedule.fields, field(t('coord_kind'), kind), field(t('coord_anonymous'), anonymous),
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('coord_create')), saveMark('meeting-new'));
  const created = h('div', { role: 'status' });
  meetingForm.addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => api('POST', `/api/v1/communities/${encodeURIComponent(slug)}/meetings`, {
      title: title.value.trim(), scheduled_on: date.value, ...schedule.values(), kind: kind.value, anonymous: anonymous.checked,
    }), async (r) => {
      await renderCommunity(slug, year);
      $('created-links')?.replaceWith(linksBox(r, t('coord_meeting_created')));
    }, { key: 'meeting-new', said: t('coord_meeting_created') });
  });
  created.id = 'created-links';

  const yearSelect = select([thisYear - 1, thisYear, thisYear + 1].map((y) => [String(y), String(y)]), String(year));
  yearSelect.addEventListener('change', () => { location.hash = `#/community/${slug}/${yearSelect.value}`; });
  const rows = objectives.map((o) => h('tr', {},
    h('td', {}, h('a', { href: `#/objective/${encodeURIComponent(o.id)}` }, o.title)),
    h('td', {}, h('span', { class: `badge status-${o.status}` }, t(`coord_status_${o.status}`))),
    h('td', {}, o.needs_working_group ? (o.working_group ? t(`coord_wg_${o.working_group.status}`) : t('coord_wg_to_form')) : '—'),
    h('td', {}, monthText(o.start_month) || '—'),
    h('td', {}, String(o.contributions.length)),
    h('td', {}, o.supports === null ? '—' : String(o.supports))));
  const table = objectives.length ? h('div', { class: 'table-responsive' }, h('table', { class: 'table' },
    h('caption', {}, t('coord_objectives_of', { year })),
    h('thead', {}, h('tr', {}, [t('coord_title'), t('coord_status'), t('coord_wg'), t('coord_start'), t('coord_contributions'), t('coord_supports')].map((x) => h('th', { scope: 'col' }, x)))),
    h('tbody', {}, rows))) : h('p', {}, t('coord_no_objectives', { year }));
  const newTitle = h('input', { maxLength: 200 });
  const newObjective = h('form', { class: 'inline-form', dataset: { need: 'community' } }, field(t('coord_new_objective'), newTitle),
    h('button', { type: 'submit', class: 'btn btn-outline-primary btn-sm' }, t('coord_create')));
  newObjective.addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => api('POST', `/api/v1/communities/${encodeURIComponent(slug)}/objectives`, { title: newTitle.value.trim(), year }),
      (r) => { location.hash = `#/objective/${r.objective.id}`; });
  });

  show(community.name,
    community.description ? h('p', {}, community.description) : null,
    h('section', { 'aria-labelledby': 'meetings-title' }, h('h2', { id: 'meetings-title' }, t('coord_meetings')), created,
      community.meetings.length ? meetings : h('p', {}, t('coord_no_meetings')), meetingForm),
    feed,
    h('section', { 'aria-labelledby': 'objectives-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'objectives-title' }, t('coord_objectives')), field(t('coord_year'), yearSelect)),
      table, newObjective,
      h('p', {}, h('a', { class: 'btn btn-primary btn-sm', href: `#/plan/${encodeURIComponent(slug)}/${year}` }, t('coord_open_plan', { year })))),
    h('section', { class: 'people' }, peopleEditor(slug, community, (kept) => renderCommunity(slug, year, kept), keep)));
}

function linksBox(r, title) {
  return h('div', { class: 'card links-box', id: 'created-links', role: 'status' }, h('p', {}, h('strong', {}, title)),
    r.participant_link ? h('p', {}, `${t('coord_participant_link')}: `, h('a', { href: absolute(r.participant_link) }, absolute(r.participant_link))) : null,
    r.facilitator_link ? h('p', {}, `${t('coord_facilitator_link')}: `, h('a', { href: absolute(r.facilitator_link) }, absolute(r.facilitator_link))) : null,
    r.facilitator_link ? h('p', { class: 'muted' }, t('coord_facilitator_link_once')) : null);
}

function meetingCard(m, again) {
  const phase = t(`phase_${m.phase}`);
  const actions = [];
  if (m.phase === 'lobby' || m.phase === 'closed') {
    actions.push(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: () => act(() => api('POST', `/api/v1/meetings/${m.id}/open`), undefined, { key: `meeting-${m.id}`, said: t('coord_meeting_opened', { title: m.title }) }) } }, t('coord_open_meeting')));
  }
  if (m.phase !== 'closed') {
    actions.push(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: () => act(() => api('POST', `/api/v1/meetings/${m.id}/close`), undefined, { key: `meeting-${m.id}`, said: t('coord_meeting_closed', { title: m.title }) }) } }, t('coord_close_meeting')));
  }
  actions.push(h('button', {
    type: 'button', class: 'btn btn-link btn-sm',
    on: { click: () => act(() => api('POST', `/api/v1/meetings/${m.id}/facilitator-link`), (r) => {
      $('created-links').replaceWith(linksBox({ ...r, participant_link: `/#/join/${m.join_code}` }, t('coord_new_link_made', { title: m.title })));
    }, { key: `meeting-${m.id}`, said: t('coord_new_link_made', { title: m.title }) }) },
  }, t('coord_new_facilitator_link')));
  return h('li', { class: 'card meeting-card' },
    h('h3', {}, m.title),
    h('p', { class: 'muted' }, `${t(`coord_kind_${m.kind}`)} · ${dateText(m.scheduled_on)}, ${timeText(m)} · ${t('coord_phase')}: ${phase} · ${t('coord_code')}: ${m.join_code}${m.anonymous ? ` · ${t('coord_anonymous_short')}` : ''}`),
    h('div', { class: 'actions' }, actions, saveMark(`meeting-${m.id}`)),
    meetingCalendar(m, again));
}
