// One objective: its fields and deliverable, its status, the deliverable's
// file, its working group and the contributions linked to it.
import { t } from '../../i18n.js';
import { api } from '../api.js';
import { field, h, saveMark, select, show, showError } from '../dom.js';
import { supportsText } from '../format.js';
import { act, communityName, loadCommunities } from '../state.js';

export async function renderObjective(id) {
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

  // Words that may not be published (withdrawn, hidden or removed in their
  // meeting) quoted in the description: its editor is told, above the form.
  const notices = (o.notices ?? []).map((n) => h('p', { class: 'alert alert-warning objective-notice', role: 'status' },
    t(`coord_notice_${n.code}`, { id: n.contribution })));

  show(o.title,
    h('p', {}, h('span', { class: `badge status-${o.status}` }, t(`coord_status_${o.status}`)), ' ',
      h('a', { href: `#/community/${encodeURIComponent(o.community)}/${o.year}` }, t('coord_back_to', { name: communityName(o.community), year: o.year }))),
    // Kept from the meeting where its group was promoted; none for one made here.
    o.supports === null ? null : h('p', { class: 'supports-total', id: 'objective-supports' },
      `${t('coord_supports_at_promotion')}: `, h('strong', {}, String(o.supports))),
    ...notices, statusActions, form, fileBox, group,
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
