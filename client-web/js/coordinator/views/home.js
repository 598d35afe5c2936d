// The communities: each with its meetings' count, and a form for a new one.
import { t } from '../../i18n.js';
import { api } from '../api.js';
import { field, h, show } from '../dom.js';
import { act, state, thisYear } from '../state.js';

export async function renderHome() {
  const { communities } = await api('GET', '/api/v1/communities');
  state.communities = communities;
  const list = h('ul', { class: 'coord-list' }, communities.map((c) => h('li', { class: 'card' },
    h('h2', {}, h('a', { href: `#/community/${encodeURIComponent(c.slug)}/${thisYear}` }, c.name)),
    c.description ? h('p', {}, c.description) : null,
    h('p', { class: 'muted' }, t('coord_meetings_n', { n: c.meetings })))));
  const slug = h('input', { maxLength: 60, pattern: '[a-z0-9]+(-[a-z0-9]+)*' });
  const name = h('input', { maxLength: 200 });
  const description = h('textarea', { rows: 2, maxLength: 2000 });
  const form = h('form', { class: 'card', dataset: { need: 'referent' } }, h('h2', {}, t('coord_new_community')),
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
