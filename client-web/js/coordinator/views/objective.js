// One objective: its fields and deliverable, its status, the deliverable's
// file, its working group and the contributions linked to it. Its edits name
// the version they change (the ETag it was read with); a save refused
// because someone else saved first shows what changed and reloads the
// current version keeping what the user typed (conflict.js).
import { t } from '../../i18n.js';
import { api, apiVersioned } from '../api.js';
import { $, field, h, saveMark, select, show, showError } from '../dom.js';
import { supportsText } from '../format.js';
import { act, communityName, loadCommunities, state } from '../state.js';
import { changedKeys, conflictPanel, theirsNote } from './conflict.js';

// The form's fields as flat values, and their labels.
const formOf = (o) => ({
  title: o.title, description: o.description, start_month: o.start_month, end_month: o.end_month,
  owners: o.owners.join('; '), needs_working_group: o.needs_working_group,
  d_description: o.deliverable.description, d_due: o.deliverable.due_month, d_status: o.deliverable.status, d_link: o.deliverable.link,
});
const labelOf = (key) => ({
  title: t('coord_title'), description: t('coord_description'), start_month: t('coord_start'), end_month: t('coord_end'),
  owners: t('coord_owners'), needs_working_group: t('coord_needs_wg'), d_description: `${t('coord_deliverable')}: ${t('coord_description')}`,
  d_due: t('coord_due'), d_status: t('coord_dstatus'), d_link: t('coord_link'), status: t('coord_status'), file: t('coord_file'), group: t('coord_wg'),
})[key];
// Everything a save can find changed: the form, the status, the file, the group.
const versionOf = (o) => ({ ...formOf(o), status: t(`coord_status_${o.status}`), file: o.deliverable.file_name, group: JSON.stringify(o.working_group) });
const shownValue = (key, v) => {
  if (key === 'needs_working_group') return v ? t('coord_yes') : t('coord_no');
  if (key === 'd_status') return t(`coord_dstatus_${v}`);
  if (key === 'group') return groupSummary(JSON.parse(v ?? 'null'));
  return v;
};

const groupSummary = (g) => (g ? `${t(`coord_wg_${g.status}`)} · ${g.members.map((m) => m.name).join(', ') || '—'}` : '');

// `keep` ({base, typed, group, quiet}) carries what the user typed across a
// reload after a conflict (or, `quiet`, another part's save): `base` the
// version they started from.
export async function renderObjective(id, keep = null) {
  const path = `/api/v1/objectives/${encodeURIComponent(id)}`;
  const [{ body: { objective: o }, etag }] = await Promise.all([apiVersioned('GET', path), loadCommunities()]);
  state.viewCommunity = o.community; // what the page may offer depends on it
  const controls = {
    title: h('input', { value: o.title, maxLength: 200 }),
    description: h('textarea', { rows: 4, maxLength: 5000 }, o.description),
    needs_working_group: h('input', { type: 'checkbox', checked: o.needs_working_group }),
    start_month: h('input', { type: 'month', value: o.start_month }),
    end_month: h('input', { type: 'month', value: o.end_month }),
    owners: h('input', { value: o.owners.join('; '), maxLength: 2000 }),
    d_description: h('textarea', { rows: 2, maxLength: 2000 }, o.deliverable.description),
    d_due: h('input', { type: 'month', value: o.deliverable.due_month }),
    d_status: select(['planned', 'in_progress', 'delivered'].map((s) => [s, t(`coord_dstatus_${s}`)]), o.deliverable.status),
    d_link: h('input', { type: 'url', value: o.deliverable.link, maxLength: 2000, placeholder: 'https://…' }),
  };
  const setValue = (key, v) => { if (key === 'needs_working_group') controls[key].checked = v; else controls[key].value = v; };
  const typedNow = () => Object.fromEntries(Object.entries(controls).map(([k, c]) => [k, k === 'needs_working_group' ? c.checked : c.value]));
  const fields = Object.fromEntries(Object.entries(controls).map(([k, c]) => [k,
    field(k === 'd_description' ? t('coord_description') : labelOf(k), c, k === 'owners' ? t('coord_owners_hint') : undefined)]));
  const form = h('form', { class: 'card' },
    fields.title, fields.description, h('div', { class: 'row-fields' }, fields.start_month, fields.end_month),
    fields.owners, fields.needs_working_group,
    h('fieldset', {}, h('legend', {}, t('coord_deliverable')), fields.d_description,
      h('div', { class: 'row-fields' }, fields.d_due, fields.d_status), fields.d_link),
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('save')), saveMark('objective'));

  // Back from a conflict: the fields the user changed keep their text; where
  // the current version changed one too, its value is shown beside it.
  const current = formOf(o);
  if (keep) {
    for (const key of changedKeys(keep.base, keep.typed)) {
      setValue(key, keep.typed[key]);
      if (JSON.stringify(current[key]) !== JSON.stringify(keep.base[key]) && JSON.stringify(current[key]) !== JSON.stringify(keep.typed[key])) {
        fields[key].append(theirsNote(labelOf(key), shownValue(key, current[key]), () => setValue(key, current[key])));
      }
    }
  }
  // Shows the conflict panel for a refused save whose current version is `theirs`.
  const conflict = (theirs, group = null) => {
    const was = versionOf(o);
    const now = versionOf(theirs);
    const { panel, focus } = conflictPanel({
      title: t('coord_conflict_title'),
      changes: changedKeys(was, now).map((k) => ({ label: labelOf(k), before: shownValue(k, was[k]), after: shownValue(k, now[k]) })),
      onReload: () => act(() => renderObjective(id, { base: formOf(o), typed: typedNow(), group }), () => $('conflict-loaded')?.focus()),
      onDiscard: () => act(() => renderObjective(id), () => {}),
    });
    $('conflict')?.remove();
    $('conflict-loaded')?.remove();
    $('view-title').after(panel);
    focus();
  };
  // A save naming this version: false (nothing saved) when refused 412.
  const saveVersioned = (method, target, body, group = null, options = {}) => async () => {
    try {
      return await apiVersioned(method, target, body, { ...options, ifMatch: etag });
    } catch (err) {
      if (err.status !== 412 || !err.current) throw err;
      conflict(err.current.objective, group);
      return false;
    }
  };
  const redrawn = (r) => (r ? renderObjective(id) : false);
  // After another part's save (status, file, group, links): the form's
  // unsaved text stays as typed.
  const keepingTyped = (r) => (r ? renderObjective(id, { base: formOf(o), typed: typedNow(), quiet: true }) : false);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const v = typedNow();
    act(saveVersioned('PATCH', path, {
      title: v.title.trim(), description: v.description, needs_working_group: v.needs_working_group,
      start_month: v.start_month, end_month: v.end_month,
      owners: v.owners.split(';').map((x) => x.trim()).filter(Boolean),
      deliverable: { description: v.d_description, due_month: v.d_due, status: v.d_status, link: v.d_link.trim() },
    }), redrawn, { key: 'objective', said: t('coord_objective_saved') });
  });

  const statusSaved = { key: 'status', said: t('coord_status_saved') };
  const statusActions = h('div', { class: 'actions' },
    o.status !== 'approved' ? h('button', { type: 'button', class: 'btn btn-primary btn-sm', on: { click: () => act(() => api('POST', `${path}/approve`), keepingTyped, statusSaved) } }, t('coord_approve')) : null,
    o.status !== 'dropped' ? h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: () => act(() => api('POST', `${path}/drop`), keepingTyped, statusSaved) } }, t('coord_drop')) : null,
    o.status !== 'draft' ? h('button', { type: 'button', class: 'btn btn-link btn-sm', on: { click: () => act(() => api('POST', `${path}/reopen`), keepingTyped, statusSaved) } }, t('coord_reopen')) : null, saveMark('status'));

  // The deliverable's file.
  const file = h('input', { type: 'file', class: 'form-control' });
  const fileBox = h('section', { class: 'card', 'aria-labelledby': 'file-title' }, h('h2', { id: 'file-title' }, t('coord_file')),
    o.deliverable.has_file
      ? h('p', {}, h('a', { href: `${path}/deliverable/file` }, o.deliverable.file_name), ' ',
        h('button', { type: 'button', class: 'btn btn-link btn-sm', on: { click: () => act(saveVersioned('DELETE', `${path}/deliverable/file`), keepingTyped, { key: 'file', said: t('coord_file_removed') }) } }, t('coord_remove_file')))
      : h('p', { class: 'muted' }, t('coord_no_file')),
    field(t('coord_choose_file'), file),
    h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: () => {
      const chosen = file.files[0];
      if (!chosen) { showError(new Error(t('coord_choose_file_first'))); return; }
      act(saveVersioned('PUT', `${path}/deliverable/file?name=${encodeURIComponent(chosen.name)}`, chosen, null, { raw: true, type: chosen.type }),
        keepingTyped, { key: 'file', said: t('coord_file_attached') });
    } } }, t('coord_attach')), saveMark('file'));

  const saveGroup = (body, draft) => act(saveVersioned('PUT', `${path}/working-group`, body, draft), keepingTyped, { key: 'group', said: t('coord_group_saved') });
  const group = o.needs_working_group ? workingGroupEditor(o, keep?.group, saveGroup) : null;
  // The group typed before a conflict: the current one is a click away.
  if (group && keep?.group) {
    group.querySelector('h2').after(theirsNote(t('coord_wg'), groupSummary(o.working_group), () => group.replaceWith(workingGroupEditor(o, null, saveGroup))));
  }

  // Linked contributions, and finding more to link.
  const linked = h('ul', { class: 'coord-list' }, o.contributions.map((c) => h('li', {},
    h('span', {}, `${t(`kind_${c.kind}`)}: ${c.text}`), h('span', { class: 'muted' }, c.author?.organization ? ` — ${c.author.organization}` : ''),
    c.supports === null ? null : h('span', { class: 'supports' }, ` · ${supportsText(c.supports)}`), ' ',
    h('button', { type: 'button', class: 'btn btn-link btn-sm', 'aria-label': `${t('coord_unlink')}: ${c.text.slice(0, 60)}`,
      on: { click: () => act(() => api('DELETE', `${path}/contributions/${c.id}`), keepingTyped, { key: 'linked', said: t('coord_unlinked') }) } }, t('coord_unlink')))));
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
            on: { click: () => act(() => api('PUT', `${path}/contributions/${c.id}`), keepingTyped, { key: 'linked', said: t('coord_linked_done') }) } }, t('coord_link_it')))));
        if (!found.children.length) found.append(h('li', { class: 'muted' }, t('coord_nothing_found')));
      });
  });

  // Words that may not be published (withdrawn, hidden or removed in their
  // meeting) quoted in the description: its editor is told, above the form.
  const notices = (o.notices ?? []).map((n) => h('p', { class: 'alert alert-warning objective-notice', role: 'status' },
    t(`coord_notice_${n.code}`, { id: n.contribution })));

  const loaded = keep && !keep.quiet ? h('p', { class: 'conflict-loaded', id: 'conflict-loaded', tabindex: '-1', role: 'status' }, t('coord_conflict_loaded')) : null;
  show(o.title, loaded,
    h('p', {}, h('span', { class: `badge status-${o.status}` }, t(`coord_status_${o.status}`)), ' ',
      h('a', { href: `#/community/${encodeURIComponent(o.community)}/${o.year}` }, t('coord_back_to', { name: communityName(o.community), year: o.year }))),
    // Kept from the meeting where its group was promoted; none for one made here.
    o.supports === null ? null : h('p', { class: 'supports-total', id: 'objective-supports' },
      `${t('coord_supports_at_promotion')}: `, h('strong', {}, String(o.supports))),
    ...notices, statusActions, form, fileBox, group,
    h('section', { class: 'card', 'aria-labelledby': 'linked-title' }, h('h2', { id: 'linked-title' }, t('coord_linked', { n: o.contributions.length })),
      saveMark('linked'), o.contributions.length ? linked : h('p', { class: 'muted' }, t('coord_none_linked')), searchForm, found));
}

// The group's editor; `draft` (the user's group kept across a conflict)
// replaces what the store has; `save(body, draft)` saves it.
function workingGroupEditor(o, draft, save) {
  const g = draft ?? o.working_group ?? { status: 'forming', start_date: '', members: [] };
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
    save(body, { status: status.value, start_date: startDate.value, members });
  });
  return form;
}
