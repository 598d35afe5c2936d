// A community's plan for a year: its versions (new, share, publish), the
// objectives as the plan shows them and the downloads; and a published
// version, read-only.
import { t } from '../../i18n.js';
import { dateText, monthText } from '../../ui/format.js';
import { api } from '../api.js';
import { $, absolute, h, saveMark, show } from '../dom.js';
import { versionStatus } from '../format.js';
import { act } from '../state.js';

// The CSV comes twice: RFC 4180 with commas (open data), and for a
// spreadsheet set up in Italian, semicolons after a byte order mark.
export function downloads(base) {
  const formats = [['html', 'HTML'], ['csv', t('coord_format_csv')], ['csv-excel-it', t('coord_format_csv_excel_it')], ['md', 'Markdown'], ['json', 'JSON']];
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

export async function renderPlan(slug, year) {
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
    const publish = h('button', { type: 'button', class: 'btn btn-primary btn-sm', dataset: { need: 'referent' }, on: { click: () => {
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
export async function renderPlanVersion(slug, year, version) {
  const base = `/api/v1/communities/${encodeURIComponent(slug)}/plans/${year}/versions/${version}`;
  const doc = await api('GET', base);
  show(t('coord_version_title', { name: doc.community.name, year, version }),
    h('p', {}, h('a', { href: `#/plan/${encodeURIComponent(slug)}/${year}` }, t('coord_back_to_plan', { name: doc.community.name, year }))),
    h('p', { class: 'lead', id: 'plan-status' }, t('coord_plan_version', { version: doc.version, status: versionStatus(doc) })),
    h('p', { class: 'muted', id: 'read-only' }, t(doc.status === 'published' ? 'coord_version_read_only' : 'coord_version_open_read_only')),
    planObjectives(doc), downloads(base));
}
