// The system plan for a year: its figures, working groups enabled by month
// (a chart, with a table saying the same) and every community's plan.
import { t } from '../../i18n.js';
import { loadChart } from '../../lazy.js';
import { monthText } from '../../ui/format.js';
import { api } from '../api.js';
import { field, h, select, show } from '../dom.js';
import { versionStatus } from '../format.js';
import { thisYear } from '../state.js';
import { downloads } from './plan.js';

// Where the published plans are described for the national open-data
// catalogue (dati.gov.it harvests DCAT-AP_IT).
function openData() {
  return h('section', { class: 'card', 'aria-labelledby': 'open-data-title' }, h('h2', { id: 'open-data-title' }, t('coord_open_data')),
    h('p', {}, t('coord_open_data_about')),
    h('p', {}, `${t('coord_open_data_catalog')}: `, h('a', { href: '/api/v1/public/catalog.jsonld' }, 'JSON-LD'), ' · ', h('a', { href: '/api/v1/public/catalog.ttl' }, 'Turtle')));
}

let chart = null;
export async function renderSystem(year) {
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
    downloads(`/api/v1/system-plans/${year}`), openData());
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
