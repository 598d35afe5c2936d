// What an editing screen shows when its save is refused 412 (someone else
// saved a newer version meanwhile): a panel that says so, lists what changed
// from the version the form was loaded from to the current one, and offers
// to load the current version while the fields the user changed keep their
// text (nothing typed is lost), or to discard them. Also the note beside a
// field that both changed, with a button to take the current value instead.
import { t } from '../../i18n.js';
import { h } from '../dom.js';

const quoted = (value) => (value === '' || value === undefined || value === null ? t('coord_conflict_empty') : String(value));

// Which keys of the flat `base` and `current` values differ.
export function changedKeys(base, current) {
  return Object.keys(current).filter((k) => JSON.stringify(current[k]) !== JSON.stringify(base[k]));
}

// The panel; `changes` are [{label, before, after}]; focus goes to its title.
export function conflictPanel({ title, changes, onReload, onDiscard }) {
  const heading = h('h2', { id: 'conflict-title', tabindex: '-1' }, title);
  const panel = h('section', { class: 'card conflict', id: 'conflict', 'aria-labelledby': 'conflict-title' }, heading,
    h('p', {}, t('coord_conflict_text')),
    h('p', {}, h('strong', {}, t('coord_conflict_changed'))),
    changes.length
      ? h('ul', { class: 'conflict-changes' }, changes.map((c) => h('li', {},
        h('span', { class: 'label' }, `${c.label}: `), h('del', {}, quoted(c.before)), ' → ', h('ins', {}, quoted(c.after)))))
      : h('p', {}, t('coord_conflict_elsewhere')),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'btn btn-primary btn-sm', 'aria-describedby': 'conflict-reload-hint', on: { click: onReload } }, t('coord_conflict_reload')),
      h('button', { type: 'button', class: 'btn btn-outline-primary btn-sm', on: { click: onDiscard } }, t('coord_conflict_discard'))),
    h('p', { class: 'hint muted', id: 'conflict-reload-hint' }, t('coord_conflict_reload_hint')));
  return { panel, focus: () => heading.focus() };
}

// The note under a field whose kept text differs from the current version's.
export function theirsNote(label, value, useTheirs) {
  const note = h('div', { class: 'conflict-note' },
    h('p', {}, t('coord_conflict_theirs', { value: quoted(value) })),
    h('button', { type: 'button', class: 'btn btn-link btn-sm', 'aria-label': t('coord_conflict_use_theirs_of', { field: label }),
      on: { click: () => { useTheirs(); note.remove(); } } }, t('coord_conflict_use_theirs')));
  return note;
}
