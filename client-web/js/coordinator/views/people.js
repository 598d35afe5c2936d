// A community's people, coordinators and referents, as a form: rows of name
// and body, saved whole naming the version the page loaded (If-Match). A save
// refused because someone else saved first shows what changed; reloading
// keeps the rows the user typed, with the current lists beside them.
import { t } from '../../i18n.js';
import { apiVersioned } from '../api.js';
import { $, h, saveMark } from '../dom.js';
import { act } from '../state.js';
import { conflictPanel, theirsNote } from './conflict.js';

const roles = ['coordinators', 'referents'];
const listText = (people) => people.map((p) => (p.organization ? `${p.name} (${p.organization})` : p.name)).join(', ');
const same = (a, b) => listText(a) === listText(b);

// The form for `community` (as GET /communities/{slug} answers, with its
// `people_etag`); `reload(keep)` draws the page again; `keep` ({base, typed})
// carries the lists typed before a conflict.
export function peopleEditor(slug, community, reload, keep = null) {
  const path = `/api/v1/communities/${encodeURIComponent(slug)}/people`;
  const loaded = { coordinators: community.coordinators ?? [], referents: community.referents ?? [] };
  // A list the user changed before a conflict keeps their rows; the other
  // shows the current version.
  const changedByUser = (role) => keep && !same(keep.typed[role], keep.base[role]);
  const rowsOf = {};
  const boxes = {};
  const fill = (role, people) => {
    rowsOf[role].replaceChildren();
    for (const p of people) addRow(role, p);
  };
  const addRow = (role, p = { name: '', organization: '' }) => {
    const rows = rowsOf[role];
    const n = rows.children.length + 1;
    const name = h('input', { class: 'form-control form-control-sm', value: p.name, maxLength: 100, 'aria-label': t(`coord_${role}_name`, { n }) });
    const org = h('input', { class: 'form-control form-control-sm', value: p.organization ?? '', maxLength: 200, 'aria-label': t(`coord_${role}_body`, { n }) });
    const row = h('tr', {}, h('td', {}, name), h('td', {}, org),
      h('td', {}, h('button', { type: 'button', class: 'btn btn-link btn-sm', 'aria-label': t(`coord_${role}_remove`, { n }), on: { click: () => row.remove() } }, t('wg_remove'))));
    rows.append(row);
    return name;
  };
  for (const role of roles) {
    rowsOf[role] = h('tbody');
    boxes[role] = h('div', { class: 'people-role' },
      h('div', { class: 'table-responsive' }, h('table', { class: 'table table-sm' }, h('caption', {}, t(`coord_${role}`)),
        h('thead', {}, h('tr', {}, [t('coord_name'), t('coord_body'), ''].map((x) => h('th', { scope: 'col' }, x)))), rowsOf[role])),
      h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: () => addRow(role).focus() } }, t(`coord_${role}_add`)));
    fill(role, changedByUser(role) ? keep.typed[role] : loaded[role]);
  }
  const typedNow = () => Object.fromEntries(roles.map((role) => [role, [...rowsOf[role].children].map((r) => {
    const inputs = r.querySelectorAll('input');
    return { name: inputs[0].value.trim(), organization: inputs[1].value.trim() };
  }).filter((p) => p.name)]));

  // Back from a conflict: beside a list both changed, the current one.
  if (keep) {
    for (const role of roles) {
      if (changedByUser(role) && !same(loaded[role], keep.base[role]) && !same(loaded[role], keep.typed[role])) {
        boxes[role].prepend(theirsNote(t(`coord_${role}`), listText(loaded[role]), () => fill(role, loaded[role])));
      }
    }
  }

  const form = h('form', { class: 'card', 'aria-labelledby': 'people-title' }, h('h2', { id: 'people-title' }, t('coord_people_title')),
    keep ? h('p', { class: 'conflict-loaded', id: 'conflict-loaded', tabindex: '-1', role: 'status' }, t('coord_conflict_loaded')) : null,
    boxes.coordinators, boxes.referents,
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('coord_people_save')), saveMark('people'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const typed = typedNow();
    act(async () => {
      try {
        return await apiVersioned('PUT', path, typed, { ifMatch: community.people_etag });
      } catch (err) {
        if (err.status !== 412 || !err.current) throw err;
        const { panel, focus } = conflictPanel({
          title: t('coord_conflict_people_title'),
          changes: roles.filter((role) => !same(loaded[role], err.current[role]))
            .map((role) => ({ label: t(`coord_${role}`), before: listText(loaded[role]), after: listText(err.current[role]) })),
          onReload: () => act(() => reload({ base: loaded, typed: typedNow() }), () => $('conflict-loaded')?.focus()),
          onDiscard: () => act(() => reload(null), () => {}),
        });
        $('conflict')?.remove();
        form.before(panel);
        focus();
        return false;
      }
    }, (r) => (r ? reload(null) : false), { key: 'people', said: t('coord_people_saved') });
  });
  return form;
}
