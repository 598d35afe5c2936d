// The review of every contribution: filters, the order, pages of results.
import { t } from '../../i18n.js';
import { dateText } from '../../ui/format.js';
import { api } from '../api.js';
import { $, field, h, select, show, showError } from '../dom.js';
import { supportsText } from '../format.js';
import { communityName, loadCommunities, state } from '../state.js';

export async function renderContributions() {
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
