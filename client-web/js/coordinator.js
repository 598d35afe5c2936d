// The coordinator area: sign-in, communities and their meetings, the review
// of every contribution, objectives with their deliverables and working
// groups, plan versions (share, publish, download) and the system plan with
// its figures. Everything goes through /api/v1 (docs/api.md) with the session
// cookie; user text is always set as text, never as HTML.
import { language, setLanguage, t, translatePage } from './i18n.js';
import { loadChart } from './lazy.js';
import { announce } from './ui/dom.js';
import { showSaved } from './ui/saved.js';

const $ = (id) => document.getElementById(id);
const thisYear = new Date().getFullYear();

// --- small helpers ---

// h('p', {class: 'muted'}, 'text', child, ...): an element; strings become
// text nodes, null and false are skipped, arrays are flattened.
function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  // An input is a text field unless told otherwise: without the attribute
  // Bootstrap Italia does not style it, and it shows no border at all.
  if (tag === 'input' && !props?.type) el.type = 'text';
  for (const [key, value] of Object.entries(props ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') el.className = value;
    else if (key === 'on') for (const [ev, fn] of Object.entries(value)) el.addEventListener(ev, fn);
    else if (key === 'dataset') Object.assign(el.dataset, value);
    else if (key in el && typeof value !== 'string') el[key] = value;
    else el.setAttribute(key, value === true ? '' : value);
  }
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

let fieldCount = 0;
// A labelled form field: the control gets an id and the label points at it.
function field(labelText, control, hint) {
  control.id ||= `f${++fieldCount}`;
  if (control.type === 'checkbox') {
    control.className = 'form-check-input';
    return h('div', { class: 'form-check' }, control, h('label', { class: 'form-check-label', for: control.id }, labelText));
  }
  if (!control.className) control.className = 'form-control';
  const hintEl = hint ? h('p', { class: 'hint muted', id: `${control.id}-hint` }, hint) : null;
  if (hintEl) control.setAttribute('aria-describedby', hintEl.id);
  return h('div', { class: 'field' }, h('label', { for: control.id }, labelText), control, hintEl);
}

function select(options, value) {
  const s = h('select', { class: 'form-select' });
  for (const [v, label] of options) s.append(new Option(label, v));
  s.value = value ?? '';
  return s;
}

// Dates in words, as the meeting page (app.js) and the exports write them:
// "30 novembre 2026", "novembre 2026" ("30 November 2026" in English).
function monthText(ym) {
  if (!ym) return '';
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(language() === 'it' ? 'it-IT' : 'en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

function dateText(ymd) {
  if (!ymd) return '';
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(language() === 'it' ? 'it-IT' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// A moment (ms since the epoch) as the day it was where the reader is.
function dayText(ms) {
  return new Date(ms).toLocaleDateString(language() === 'it' ? 'it-IT' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

// "1 sostegno", "3 sostegni": the plural as the language has it.
function supportsText(n) {
  return t(new Intl.PluralRules(language()).select(n) === 'one' ? 'coord_supports_one' : 'coord_supports_other', { n });
}

function showError(err) {
  $('error').textContent = err ? (err.code ? apiErrorText(err) : String(err.message ?? err)) : '';
}

function apiErrorText(err) {
  const key = `coord_error_${err.code}`;
  const text = t(key);
  return text === key ? t('coord_error_generic', { message: err.message }) : text;
}

// --- the API ---

class ApiError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body, { raw = false, type } = {}) {
  const headers = {};
  let payload;
  if (body !== undefined) {
    if (raw) { payload = body; headers['content-type'] = type || 'application/octet-stream'; } else {
      payload = JSON.stringify(body);
      headers['content-type'] = 'application/json';
    }
  }
  $('busy').textContent = t('coord_loading');
  try {
    const res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
    const json = await res.json().catch(() => ({}));
    if (!res.ok) {
      const e = json.error ?? {};
      throw new ApiError(res.status, e.code ?? 'http', e.message ?? `HTTP ${res.status}`);
    }
    return json;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) {
      markSession(false);
      if (path !== '/api/v1/session') {
        state.coordinator = null;
        renderSignIn();
      }
    }
    throw err instanceof ApiError ? err : new ApiError(0, 'network', t('coord_error_network'));
  } finally {
    $('busy').textContent = '';
  }
}

// Runs an action from a button: errors shown, the view redrawn on success.
// With `saved` ({key, said}), the redrawn view's mark for `key` (saveMark)
// shows "Salvato ✓" and screen readers hear `said`.
async function act(run, done = () => route(), saved = null) {
  showError(null);
  try {
    const result = await run();
    await done(result);
    if (saved) showSaved(document.querySelector(`[data-save="${saved.key}"]`), t('saved_mark'), saved.said);
  } catch (err) {
    showError(err);
  }
}

// Where a save's mark appears: beside the control, empty until a save.
function saveMark(key) {
  return h('p', { class: 'save-status', dataset: { save: key } });
}

const state = { coordinator: null, communities: [], contributionFilter: { page: 1 } };

// Whether a session was opened on this device. Without the mark the page does
// not ask the server who is signed in: the answer would be a 401, which the
// browser logs as an error on a page that has nothing wrong. Set on sign-in,
// cleared on sign-out and on any 401 (the cookie expired or was revoked).
const sessionMark = 'tavolo.coordinator.signed_in';
function markSession(open) {
  try {
    if (open) localStorage.setItem(sessionMark, '1'); else localStorage.removeItem(sessionMark);
  } catch { /* storage off: the page asks the server every time, as before */ }
}
function sessionMarked() {
  try { return localStorage.getItem(sessionMark) !== null; } catch { return true; }
}

// Every community, loaded once: a link to a community shows its name, never its slug.
async function loadCommunities() {
  if (!state.communities.length) state.communities = (await api('GET', '/api/v1/communities')).communities;
  return state.communities;
}

function communityName(slug) {
  return state.communities.find((c) => c.slug === slug)?.name ?? slug;
}

// --- routing ---

function parseHash() {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

async function route() {
  showError(null);
  if (!state.coordinator) {
    if (!sessionMarked()) {
      renderSignIn();
      return;
    }
    try {
      state.coordinator = (await api('GET', '/api/v1/session')).coordinator;
    } catch {
      renderSignIn();
      return;
    }
  }
  renderChrome();
  const [view, a, b, c] = parseHash();
  try {
    if (view === 'contributions') await renderContributions();
    else if (view === 'community' && a) await renderCommunity(a, Number(b) || thisYear);
    else if (view === 'objective' && a) await renderObjective(a);
    else if (view === 'plan' && a && b && c) await renderPlanVersion(a, Number(b), Number(c));
    else if (view === 'plan' && a && b) await renderPlan(a, Number(b));
    else if (view === 'system') await renderSystem(Number(a) || thisYear);
    else await renderHome();
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) showError(err);
  }
  // The section the view belongs to is marked current in the navigation.
  const section = { contributions: 'contributions', system: 'system' }[view] ?? 'communities';
  for (const link of $('nav').querySelectorAll('a')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

function show(title, ...content) {
  document.title = `${title} · ${t('coord_area')} · tavolo`;
  $('view').replaceChildren(h('h1', { id: 'view-title', tabindex: '-1' }, title), ...content.filter(Boolean));
  $('view-title').focus();
}

function renderChrome() {
  $('nav').hidden = !state.coordinator;
  $('sign-out').hidden = !state.coordinator;
  $('who').textContent = state.coordinator ? state.coordinator.name : '';
  $('nav-system').setAttribute('href', `#/system/${thisYear}`);
}

// --- sign-in ---

function renderSignIn() {
  renderChrome();
  const name = h('input', { autocomplete: 'username', required: true, maxLength: 100 });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('coord_sign_in'));
  const form = h('form', { class: 'card narrow', novalidate: true }, h('p', {}, t('coord_sign_in_intro')),
    field(t('coord_name'), name), field(t('coord_password'), password), error, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!name.value.trim() || !password.value) { error.textContent = t('coord_sign_in_missing'); return; }
    submit.disabled = true;
    try {
      state.coordinator = (await api('POST', '/api/v1/session', { name: name.value.trim(), password: password.value })).coordinator;
      markSession(true);
      password.value = '';
      await route();
    } catch (err) {
      error.textContent = err.code === 'invalid_credentials' ? t('coord_sign_in_wrong') : apiErrorText(err);
      submit.disabled = false;
      password.focus();
    }
  });
  show(t('coord_sign_in_title'), form);
  name.focus();
}

// --- communities ---

async function renderHome() {
  const { communities } = await api('GET', '/api/v1/communities');
  state.communities = communities;
  const list = h('ul', { class: 'coord-list' }, communities.map((c) => h('li', { class: 'card' },
    h('h2', {}, h('a', { href: `#/community/${encodeURIComponent(c.slug)}/${thisYear}` }, c.name)),
    c.description ? h('p', {}, c.description) : null,
    h('p', { class: 'muted' }, t('coord_meetings_n', { n: c.meetings })))));
  const slug = h('input', { maxLength: 60, pattern: '[a-z0-9]+(-[a-z0-9]+)*' });
  const name = h('input', { maxLength: 200 });
  const description = h('textarea', { rows: 2, maxLength: 2000 });
  const form = h('form', { class: 'card' }, h('h2', {}, t('coord_new_community')),
    field(t('coord_name'), name), field(t('coord_slug'), slug, t('coord_slug_hint')),
    field(t('coord_description'), description),
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('coord_create')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => api('POST', '/api/v1/communities', { slug: slug.value.trim(), name: name.value.trim(), description: description.value.trim() }),
      (r) => { location.hash = `#/community/${r.community.slug}/${thisYear}`; });
  });
  show(t('coord_communities'), communities.length ? list : h('p', {}, t('coord_no_communities')), form);
}

async function renderCommunity(slug, year) {
  const [{ community }, { objectives }] = await Promise.all([
    api('GET', `/api/v1/communities/${encodeURIComponent(slug)}`),
    api('GET', `/api/v1/communities/${encodeURIComponent(slug)}/objectives?year=${year}`),
  ]);
  const people = (role) => (community[role] ?? []).map((p) => (p.organization ? `${p.name} (${p.organization})` : p.name)).join(', ') || '—';

  const meetings = h('ul', { class: 'coord-list' }, community.meetings.map((m) => meetingCard(m)));
  const title = h('input', { maxLength: 200 });
  const date = h('input', { type: 'date', value: `${year}-05-15` });
  const kind = select([['kickoff', t('coord_kind_kickoff')], ['followup', t('coord_kind_followup')]], 'kickoff');
  const anonymous = h('input', { type: 'checkbox' });
  const meetingForm = h('form', { class: 'card' }, h('h3', {}, t('coord_new_meeting')),
    field(t('coord_title'), title), field(t('coord_date'), date), field(t('coord_kind'), kind), field(t('coord_anonymous'), anonymous),
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('coord_create')), saveMark('meeting-new'));
  const created = h('div', { role: 'status' });
  meetingForm.addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => api('POST', `/api/v1/communities/${encodeURIComponent(slug)}/meetings`, {
      title: title.value.trim(), scheduled_on: date.value, kind: kind.value, anonymous: anonymous.checked,
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
  const newObjective = h('form', { class: 'inline-form' }, field(t('coord_new_objective'), newTitle),
    h('button', { type: 'submit', class: 'btn btn-outline-primary btn-sm' }, t('coord_create')));
  newObjective.addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => api('POST', `/api/v1/communities/${encodeURIComponent(slug)}/objectives`, { title: newTitle.value.trim(), year }),
      (r) => { location.hash = `#/objective/${r.objective.id}`; });
  });

  show(community.name,
    community.description ? h('p', {}, community.description) : null,
    h('p', {}, h('strong', {}, `${t('coord_coordinators')}: `), people('coordinators'), h('br'), h('strong', {}, `${t('coord_referents')}: `), people('referents')),
    h('section', { 'aria-labelledby': 'meetings-title' }, h('h2', { id: 'meetings-title' }, t('coord_meetings')), created,
      community.meetings.length ? meetings : h('p', {}, t('coord_no_meetings')), meetingForm),
    h('section', { 'aria-labelledby': 'objectives-title' },
      h('div', { class: 'section-head' }, h('h2', { id: 'objectives-title' }, t('coord_objectives')), field(t('coord_year'), yearSelect)),
      table, newObjective,
      h('p', {}, h('a', { class: 'btn btn-primary btn-sm', href: `#/plan/${encodeURIComponent(slug)}/${year}` }, t('coord_open_plan', { year })))));
}

function absolute(path) {
  return new URL(path, location.origin).href;
}

function linksBox(r, title) {
  return h('div', { class: 'card links-box', id: 'created-links', role: 'status' }, h('p', {}, h('strong', {}, title)),
    r.participant_link ? h('p', {}, `${t('coord_participant_link')}: `, h('a', { href: absolute(r.participant_link) }, absolute(r.participant_link))) : null,
    r.facilitator_link ? h('p', {}, `${t('coord_facilitator_link')}: `, h('a', { href: absolute(r.facilitator_link) }, absolute(r.facilitator_link))) : null,
    r.facilitator_link ? h('p', { class: 'muted' }, t('coord_facilitator_link_once')) : null);
}

function meetingCard(m) {
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
    h('p', { class: 'muted' }, `${t(`coord_kind_${m.kind}`)} · ${dateText(m.scheduled_on)} · ${t('coord_phase')}: ${phase} · ${t('coord_code')}: ${m.join_code}${m.anonymous ? ` · ${t('coord_anonymous_short')}` : ''}`),
    h('div', { class: 'actions' }, actions, saveMark(`meeting-${m.id}`)));
}

// --- contributions ---

async function renderContributions() {
  await loadCommunities();
  const f = state.contributionFilter;
  const community = select([['', t('coord_all_communities')], ...state.communities.map((c) => [c.slug, c.name])], f.community);
  const kind = select([['', t('coord_all')], ['proposal', t('kind_proposal')], ['need', t('kind_need')], ['activity', t('kind_activity')]], f.kind);
  const status = select([['', t('coord_all')], ...['visible', 'hidden', 'withdrawn', 'merged'].map((s) => [s, t(`coord_cstatus_${s}`)])], f.status);
  const body = h('input', { value: f.body ?? '', maxLength: 160 });
  const q = h('input', { type: 'search', value: f.q ?? '', maxLength: 200 });
  // The order applies as soon as it is chosen (with the filters as typed);
  // the list is drawn again, so the focus goes back to it.
  const sort = select([['meeting', t('coord_sort_meeting')], ['supports', t('coord_sort_supports')]], f.sort ?? 'meeting');
  sort.id = 'contribution-sort';
  const form = h('form', { class: 'filters card', role: 'search' },
    field(t('coord_search'), q, t('coord_search_hint')), field(t('coord_community'), community), field(t('coord_kind'), kind),
    field(t('coord_cstatus'), status), field(t('coord_body'), body), field(t('coord_sort'), sort),
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('coord_filter')));
  const apply = () => {
    state.contributionFilter = { community: community.value, kind: kind.value, status: status.value, body: body.value.trim(), q: q.value.trim(), sort: sort.value, page: 1 };
    return renderContributions();
  };
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    apply().catch(showError);
  });
  sort.addEventListener('change', () => apply().then(() => $('contribution-sort')?.focus()).catch(showError));
  const params = new URLSearchParams({ page: String(f.page), per_page: '20' });
  for (const key of ['community', 'kind', 'status', 'body', 'q']) if (f[key]) params.set(key, f[key]);
  if (f.sort === 'supports') params.set('sort', 'supports');
  const page = await api('GET', `/api/v1/contributions?${params}`);
  const results = h('ol', { class: 'coord-list results', start: String((page.page - 1) * page.per_page + 1) }, page.contributions.map((c) => h('li', { class: 'card' },
    h('p', { class: 'text' }, c.text),
    h('p', { class: 'muted' }, [t(`kind_${c.kind}`), c.author?.name ? `${c.author.name} · ${c.author.organization}` : t('anonymous'),
      c.status !== 'visible' ? t(`coord_cstatus_${c.status}`) : null].filter(Boolean).join(' · ')),
    h('p', { class: 'supports' }, supportsText(c.supports)),
    h('p', { class: 'muted' }, `${t('coord_in_meeting')}: ${c.meeting.title} (${dateText(c.meeting.scheduled_on)}), `,
      h('a', { href: `#/community/${encodeURIComponent(c.meeting.community)}/${c.meeting.scheduled_on.slice(0, 4)}` }, communityName(c.meeting.community))),
    c.objectives.length ? h('p', {}, `${t('coord_went_into')}: `, c.objectives.map((o, i) => [i ? ', ' : '', h('a', { href: `#/objective/${encodeURIComponent(o.id)}` }, o.title)]))
      : h('p', { class: 'muted' }, t('coord_in_no_objective')))));
  const pages = Math.max(1, Math.ceil(page.total / page.per_page));
  const go = (n) => { state.contributionFilter.page = n; renderContributions().catch(showError); };
  const pager = h('nav', { class: 'pager', 'aria-label': t('coord_pages') },
    h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', disabled: page.page <= 1, on: { click: () => go(page.page - 1) } }, t('coord_previous')),
    h('span', {}, t('coord_page_of', { page: page.page, pages })),
    h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', disabled: page.page >= pages, on: { click: () => go(page.page + 1) } }, t('coord_next')));
  show(t('coord_contributions'), form, h('p', { role: 'status' }, t('coord_found', { n: page.total })), results, pages > 1 ? pager : null);
}

// --- one objective ---

async function renderObjective(id) {
  const [{ objective: o }] = await Promise.all([api('GET', `/api/v1/objectives/${encodeURIComponent(id)}`), loadCommunities()]);
  const path = `/api/v1/objectives/${encodeURIComponent(id)}`;
  const title = h('input', { value: o.title, maxLength: 200 });
  const description = h('textarea', { rows: 4, maxLength: 5000 }, o.description);
  const needs = h('input', { type: 'checkbox', checked: o.needs_working_group });
  const start = h('input', { type: 'month', value: o.start_month });
  const end = h('input', { type: 'month', value: o.end_month });
  const owners = h('input', { value: o.owners.join('; '), maxLength: 2000 });
  const dDescription = h('textarea', { rows: 2, maxLength: 2000 }, o.deliverable.description);
  const dDue = h('input', { type: 'month', value: o.deliverable.due_month });
  const dStatus = select(['planned', 'in_progress', 'delivered'].map((s) => [s, t(`coord_dstatus_${s}`)]), o.deliverable.status);
  const dLink = h('input', { type: 'url', value: o.deliverable.link, maxLength: 2000, placeholder: 'https://…' });
  const form = h('form', { class: 'card' },
    field(t('coord_title'), title), field(t('coord_description'), description),
    h('div', { class: 'row-fields' }, field(t('coord_start'), start), field(t('coord_end'), end)),
    field(t('coord_owners'), owners, t('coord_owners_hint')), field(t('coord_needs_wg'), needs),
    h('fieldset', {}, h('legend', {}, t('coord_deliverable')), field(t('coord_description'), dDescription),
      h('div', { class: 'row-fields' }, field(t('coord_due'), dDue), field(t('coord_dstatus'), dStatus)), field(t('coord_link'), dLink)),
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('save')), saveMark('objective'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => api('PATCH', path, {
      title: title.value.trim(), description: description.value, needs_working_group: needs.checked,
      start_month: start.value, end_month: end.value,
      owners: owners.value.split(';').map((x) => x.trim()).filter(Boolean),
      deliverable: { description: dDescription.value, due_month: dDue.value, status: dStatus.value, link: dLink.value.trim() },
    }), () => renderObjective(id), { key: 'objective', said: t('coord_objective_saved') });
  });

  const statusSaved = { key: 'status', said: t('coord_status_saved') };
  const statusActions = h('div', { class: 'actions' },
    o.status !== 'approved' ? h('button', { type: 'button', class: 'btn btn-primary btn-sm', on: { click: () => act(() => api('POST', `${path}/approve`), undefined, statusSaved) } }, t('coord_approve')) : null,
    o.status !== 'dropped' ? h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: () => act(() => api('POST', `${path}/drop`), undefined, statusSaved) } }, t('coord_drop')) : null,
    o.status !== 'draft' ? h('button', { type: 'button', class: 'btn btn-link btn-sm', on: { click: () => act(() => api('POST', `${path}/reopen`), undefined, statusSaved) } }, t('coord_reopen')) : null, saveMark('status'));

  // The deliverable's file.
  const file = h('input', { type: 'file', class: 'form-control' });
  const fileBox = h('section', { class: 'card', 'aria-labelledby': 'file-title' }, h('h2', { id: 'file-title' }, t('coord_file')),
    o.deliverable.has_file
      ? h('p', {}, h('a', { href: `${path}/deliverable/file` }, o.deliverable.file_name), ' ',
        h('button', { type: 'button', class: 'btn btn-link btn-sm', on: { click: () => act(() => api('DELETE', `${path}/deliverable/file`), undefined, { key: 'file', said: t('coord_file_removed') }) } }, t('coord_remove_file')))
      : h('p', { class: 'muted' }, t('coord_no_file')),
    field(t('coord_choose_file'), file),
    h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: () => {
      const chosen = file.files[0];
      if (!chosen) { showError(new Error(t('coord_choose_file_first'))); return; }
      act(() => api('PUT', `${path}/deliverable/file?name=${encodeURIComponent(chosen.name)}`, chosen, { raw: true, type: chosen.type }),
        undefined, { key: 'file', said: t('coord_file_attached') });
    } } }, t('coord_attach')), saveMark('file'));

  const group = o.needs_working_group ? workingGroupEditor(o, path) : null;

  // Linked contributions, and finding more to link.
  const linked = h('ul', { class: 'coord-list' }, o.contributions.map((c) => h('li', {},
    h('span', {}, `${t(`kind_${c.kind}`)}: ${c.text}`), h('span', { class: 'muted' }, c.author?.organization ? ` — ${c.author.organization}` : ''),
    c.supports === null ? null : h('span', { class: 'supports' }, ` · ${supportsText(c.supports)}`), ' ',
    h('button', { type: 'button', class: 'btn btn-link btn-sm', 'aria-label': `${t('coord_unlink')}: ${c.text.slice(0, 60)}`,
      on: { click: () => act(() => api('DELETE', `${path}/contributions/${c.id}`), undefined, { key: 'linked', said: t('coord_unlinked') }) } }, t('coord_unlink')))));
  const q = h('input', { type: 'search', maxLength: 200 });
  const found = h('ul', { class: 'coord-list', 'aria-live': 'polite' });
  const searchForm = h('form', { role: 'search', class: 'inline-form' }, field(t('coord_find_to_link'), q),
    h('button', { type: 'submit', class: 'btn btn-outline-primary btn-sm' }, t('coord_search')));
  searchForm.addEventListener('submit', (e) => {
    e.preventDefault();
    act(() => api('GET', `/api/v1/contributions?community=${encodeURIComponent(o.community)}&per_page=20&q=${encodeURIComponent(q.value.trim())}`),
      (r) => {
        const already = new Set(o.contributions.map((c) => c.id));
        found.replaceChildren(...r.contributions.filter((c) => !already.has(c.id)).map((c) => h('li', {},
          h('span', {}, `${t(`kind_${c.kind}`)}: ${c.text}`), ' ',
          h('button', { type: 'button', class: 'btn btn-link btn-sm', 'aria-label': `${t('coord_link_it')}: ${c.text.slice(0, 60)}`,
            on: { click: () => act(() => api('PUT', `${path}/contributions/${c.id}`), undefined, { key: 'linked', said: t('coord_linked_done') }) } }, t('coord_link_it')))));
        if (!found.children.length) found.append(h('li', { class: 'muted' }, t('coord_nothing_found')));
      });
  });

  show(o.title,
    h('p', {}, h('span', { class: `badge status-${o.status}` }, t(`coord_status_${o.status}`)), ' ',
      h('a', { href: `#/community/${encodeURIComponent(o.community)}/${o.year}` }, t('coord_back_to', { name: communityName(o.community), year: o.year }))),
    // Kept from the meeting where its group was promoted; none for one made here.
    o.supports === null ? null : h('p', { class: 'supports-total', id: 'objective-supports' },
      `${t('coord_supports_at_promotion')}: `, h('strong', {}, String(o.supports))),
    statusActions, form, fileBox, group,
    h('section', { class: 'card', 'aria-labelledby': 'linked-title' }, h('h2', { id: 'linked-title' }, t('coord_linked', { n: o.contributions.length })),
      saveMark('linked'), o.contributions.length ? linked : h('p', { class: 'muted' }, t('coord_none_linked')), searchForm, found));
}

function workingGroupEditor(o, path) {
  const g = o.working_group ?? { status: 'forming', start_date: '', members: [] };
  const status = select(['forming', 'composed', 'enabled'].map((s) => [s, t(`coord_wg_${s}`)]), g.status);
  const startDate = h('input', { type: 'date', value: g.start_date });
  const rows = h('tbody');
  const addRow = (m = { name: '', organization: '', confirmed: g.status !== 'forming' }) => {
    const n = rows.children.length + 1;
    const name = h('input', { class: 'form-control form-control-sm', value: m.name, maxLength: 80, 'aria-label': t('coord_member_name', { n }) });
    const org = h('input', { class: 'form-control form-control-sm', value: m.organization, maxLength: 160, 'aria-label': t('coord_member_body', { n }) });
    const confirmed = h('input', { type: 'checkbox', class: 'form-check-input', checked: m.confirmed, 'aria-label': t('coord_member_confirmed', { n }) });
    const row = h('tr', {}, h('td', {}, name), h('td', {}, org), h('td', {}, confirmed),
      h('td', {}, h('button', { type: 'button', class: 'btn btn-link btn-sm', 'aria-label': t('coord_member_remove', { n }), on: { click: () => row.remove() } }, t('wg_remove'))));
    rows.append(row);
    return name;
  };
  for (const m of g.members) addRow(m);
  const form = h('form', { class: 'card', 'aria-labelledby': 'wg-title' }, h('h2', { id: 'wg-title' }, t('coord_wg')),
    h('div', { class: 'row-fields' }, field(t('coord_wg_status'), status), field(t('wg_start_date'), startDate)),
    h('div', { class: 'table-responsive' }, h('table', { class: 'table table-sm' }, h('caption', {}, t('coord_members')),
      h('thead', {}, h('tr', {}, [t('coord_name'), t('coord_body'), t('wg_confirmed'), ''].map((x) => h('th', { scope: 'col' }, x)))), rows)),
    h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: () => addRow().focus() } }, t('coord_add_member')), ' ',
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('coord_save_group')), saveMark('group'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const members = [...rows.children].map((r) => {
      const inputs = r.querySelectorAll('input');
      return { name: inputs[0].value.trim(), organization: inputs[1].value.trim(), confirmed: inputs[2].checked };
    }).filter((m) => m.name);
    const body = { status: status.value, members };
    if (startDate.value) body.start_date = startDate.value;
    act(() => api('PUT', `${path}/working-group`, body), () => renderObjective(o.id), { key: 'group', said: t('coord_group_saved') });
  });
  return form;
}

// --- a community's plan ---

function downloads(base) {
  const formats = [['html', 'HTML'], ['csv', 'CSV'], ['md', 'Markdown'], ['json', 'JSON']];
  return h('section', { class: 'card', 'aria-labelledby': 'downloads-title' }, h('h2', { id: 'downloads-title' }, t('coord_downloads')),
    ['it', 'en'].map((lang) => h('p', {}, `${t(`coord_lang_${lang}`)}: `,
      formats.map(([f, label], i) => [i ? ' · ' : '', h('a', { href: `${base}${base.includes('?') ? '&' : '?'}format=${f}&lang=${lang}&download=1`, download: '' }, label)]))));
}

// An objective's deliverable in a plan: its text, due month and status; or,
// with none yet, that it is still to be defined (not "—, Previsto").
function deliverableText(d) {
  const due = d.due_month ? t('plan_due', { month: monthText(d.due_month) }) : '';
  if (!d.description) return h('dd', {}, h('em', {}, t('coord_deliverable_undefined')), due ? ` (${due})` : '');
  return h('dd', {}, [d.description, due ? ` (${due})` : '', `, ${t(`coord_dstatus_${d.status}`)}`].join(''));
}

function planObjectives(doc) {
  if (!doc.objectives.length) return h('p', {}, t('coord_plan_empty'));
  return h('ol', { class: 'coord-list plan-doc' }, doc.objectives.map((o) => h('li', { class: 'card' },
    h('h3', {}, o.title),
    o.description ? h('p', { class: 'description' }, o.description) : null,
    h('dl', { class: 'facts' },
      h('dt', {}, t('plan_deliverable')), deliverableText(o.deliverable),
      h('dt', {}, t('plan_schedule')), h('dd', {}, [monthText(o.start_month), monthText(o.end_month)].filter(Boolean).join(' – ') || '—'),
      h('dt', {}, t('coord_wg')), h('dd', {}, !o.needs_working_group ? t('wg_none') : o.working_group
        ? `${t(`coord_wg_${o.working_group.status}`)}${o.working_group.start_date ? ` (${dateText(o.working_group.start_date)})` : ''}, ${t(o.working_group.members === 1 ? 'wg_count_one' : 'wg_count', { n: o.working_group.members })}${o.working_group.bodies.length ? ` — ${o.working_group.bodies.join(', ')}` : ''}`
        : t('coord_wg_to_form')),
      h('dt', {}, t('coord_from_contributions')), h('dd', {}, String(o.contributions.length),
        o.contributions.length ? ` — ${[...new Set(o.contributions.map((c) => c.body).filter(Boolean))].join(', ')}` : '')))));
}

async function renderPlan(slug, year) {
  const base = `/api/v1/communities/${encodeURIComponent(slug)}/plans/${year}`;
  const [doc, { versions }] = await Promise.all([api('GET', base), api('GET', `${base}/versions`)]);
  const newest = versions[0];
  const actions = [];
  if (!newest || newest.status === 'published') {
    actions.push(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: () => act(() => api('POST', base), undefined, { key: 'plan', said: t('coord_version_made') }) } }, t('coord_new_version')));
  }
  if (newest && newest.status !== 'published') {
    actions.push(h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: () => act(() => api('POST', `${base}/share`), async (r) => {
      await renderPlan(slug, year);
      $('share-box').replaceChildren(h('p', {}, `${t('coord_share_link')}: `, h('a', { href: absolute(r.share_link) }, absolute(r.share_link))), h('p', { class: 'muted' }, t('coord_share_once')));
    }, { key: 'plan', said: t('coord_shared') }) } }, newest.status === 'shared' ? t('coord_share_again') : t('coord_share')));
    const publish = h('button', { type: 'button', class: 'btn btn-primary btn-sm', on: { click: () => {
      if (!publish.dataset.confirm) {
        publish.dataset.confirm = '1';
        publish.textContent = t('coord_publish_confirm');
        return;
      }
      act(() => api('POST', `${base}/publish`), () => renderPlan(slug, year), { key: 'plan', said: t('coord_published') });
    } } }, t('coord_publish'));
    actions.push(publish);
  }
  const status = doc.version ? t('coord_plan_version', { version: doc.version, status: versionStatus(doc) }) : t('coord_plan_no_version');
  const published = versions.find((v) => v.status === 'published');
  show(t('coord_plan_title', { name: doc.community.name, year }),
    h('p', {}, h('a', { href: `#/community/${encodeURIComponent(slug)}/${year}` }, t('coord_back_to', { name: doc.community.name, year }))),
    h('p', { class: 'lead', id: 'plan-status' }, status),
    h('div', { class: 'actions' }, actions, saveMark('plan')),
    h('div', { id: 'share-box', role: 'status' }),
    published ? h('p', {}, `${t('coord_public_link')}: `, h('a', { href: `/api/v1/public/communities/${encodeURIComponent(slug)}/plans/${year}?format=html` }, t('coord_public_page'))) : null,
    versionList(slug, year, versions),
    planObjectives(doc), downloads(base));
}

// --- a plan's versions: the list, and a published one to read ---

// "pubblicata il 30 novembre 2026", "bozza": what a version's status says after "Versione 2, ".
function versionStatus(v) {
  return v.status === 'published' && v.published_at ? t('coord_published_on', { date: dayText(v.published_at) }) : t(`coord_pstatus_${v.status}`);
}

// Every version, newest first; a published one opens to be read.
function versionList(slug, year, versions) {
  if (!versions.length) return null;
  return h('section', { 'aria-labelledby': 'versions-title' }, h('h2', { id: 'versions-title' }, t('coord_versions')),
    h('ul', { class: 'coord-list', id: 'plan-versions' }, versions.map((v) => h('li', {},
      v.status === 'published'
        ? h('a', { href: `#/plan/${encodeURIComponent(slug)}/${year}/${v.version}` }, t('coord_version_n', { version: v.version }))
        : t('coord_version_n', { version: v.version }),
      `, ${versionStatus(v)}`))));
}

// A version as it was published: its objectives to read, its downloads;
// nothing to change (a published version is immutable).
async function renderPlanVersion(slug, year, version) {
  const base = `/api/v1/communities/${encodeURIComponent(slug)}/plans/${year}/versions/${version}`;
  const doc = await api('GET', base);
  show(t('coord_version_title', { name: doc.community.name, year, version }),
    h('p', {}, h('a', { href: `#/plan/${encodeURIComponent(slug)}/${year}` }, t('coord_back_to_plan', { name: doc.community.name, year }))),
    h('p', { class: 'lead', id: 'plan-status' }, t('coord_plan_version', { version: doc.version, status: versionStatus(doc) })),
    h('p', { class: 'muted', id: 'read-only' }, t(doc.status === 'published' ? 'coord_version_read_only' : 'coord_version_open_read_only')),
    planObjectives(doc), downloads(base));
}

// --- the system plan ---

let chart = null;
async function renderSystem(year) {
  const system = await api('GET', `/api/v1/system-plans/${year}`);
  const f = system.figures;
  const months = Object.entries(f.working_groups_enabled_by_month);
  const figures = h('dl', { class: 'figures' },
    [[t('coord_fig_communities'), f.communities], [t('coord_fig_objectives'), f.objectives], [t('coord_fig_need_wg'), f.need_working_group],
      [t('coord_fig_enabled'), months.reduce((n, [, v]) => n + v, 0)]].map(([label, value]) => h('div', {}, h('dt', {}, label), h('dd', {}, String(value)))));
  const canvas = h('canvas', { id: 'wg-chart', role: 'img', 'aria-label': t('coord_chart_label', { year }) });
  const table = h('table', { class: 'table table-sm' }, h('caption', {}, t('coord_chart_title')),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('coord_month')), h('th', { scope: 'col' }, t('coord_groups')))),
    h('tbody', {}, months.map(([m, n]) => h('tr', {}, h('th', { scope: 'row' }, monthText(m)), h('td', {}, String(n))))));
  const yearSelect = select([thisYear - 1, thisYear, thisYear + 1].map((y) => [String(y), String(y)]), String(year));
  yearSelect.addEventListener('change', () => { location.hash = `#/system/${yearSelect.value}`; });
  const plans = h('ul', { class: 'coord-list' }, system.plans.map((p) => h('li', {},
    h('a', { href: `#/plan/${encodeURIComponent(p.community.slug)}/${year}` }, p.community.name), ' — ',
    t('coord_objectives_n', { n: p.objectives.length }), ', ',
    p.version ? t('coord_plan_version', { version: p.version, status: versionStatus(p) }) : t('coord_plan_no_version'))));
  show(t('coord_system_title', { year }), field(t('coord_year'), yearSelect), figures,
    h('section', { class: 'card', 'aria-labelledby': 'chart-title' }, h('h2', { id: 'chart-title' }, t('coord_chart_title')),
      months.length ? h('div', { class: 'chart-box' }, canvas) : h('p', {}, t('coord_no_groups_enabled')), months.length ? table : null),
    h('section', { 'aria-labelledby': 'plans-title' }, h('h2', { id: 'plans-title' }, t('coord_community_plans')), plans),
    downloads(`/api/v1/system-plans/${year}`));
  // Without the library (it failed to load) the table beside it says the same.
  const Chart = months.length ? await loadChart().catch(() => null) : null;
  chart?.destroy();
  chart = null;
  if (Chart && canvas.isConnected) {
    chart = new Chart(canvas, {
      type: 'bar',
      data: { labels: months.map(([m]) => monthText(m)), datasets: [{ label: t('coord_groups'), data: months.map(([, n]) => n), backgroundColor: '#0066cc' }] },
      options: { animation: false, responsive: true, maintainAspectRatio: false, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } },
    });
  }
}

// --- start ---

function applyLanguage() {
  translatePage();
  $('lang-switch').textContent = t('switch_language');
  $('lang-switch').lang = language() === 'it' ? 'en' : 'it';
  $('nav').setAttribute('aria-label', t('coord_area'));
}

$('lang-switch').addEventListener('click', () => {
  setLanguage(language() === 'it' ? 'en' : 'it');
  applyLanguage();
  route();
});
$('sign-out').addEventListener('click', () => act(() => api('DELETE', '/api/v1/session'), () => {
  markSession(false);
  state.coordinator = null;
  location.hash = '#/';
  renderSignIn();
  announce(t('coord_signed_out'));
}));
window.addEventListener('hashchange', () => route());
applyLanguage();
route();
