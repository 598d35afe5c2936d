// The coordinator area's DOM helpers: h() builds elements (user text always
// as text nodes, never parsed as markup), labelled fields, selects, the mark
// a save shows, a view's title and content, and the page's error line.
import { t } from '../i18n.js';

export const $ = (id) => document.getElementById(id);


// h('p', {class: 'muted'}, 'text', child, ...): an element; strings become
// text nodes, null and false are skipped, arrays are flattened.
export function h(tag, props = {}, ...children) {
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
export function field(labelText, control, hint) {
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

export function select(options, value) {
  const s = h('select', { class: 'form-select' });
  for (const [v, label] of options) s.append(new Option(label, v));
  s.value = value ?? '';
  return s;
}


export function showError(err) {
  $('error').textContent = err ? (err.code ? apiErrorText(err) : String(err.message ?? err)) : '';
}

export function apiErrorText(err) {
  const key = `coord_error_${err.code}`;
  const text = t(key);
  return text === key ? t('coord_error_generic', { message: err.message }) : text;
}


// Where a save's mark appears: beside the control, empty until a save.
export function saveMark(key) {
  return h('p', { class: 'save-status', dataset: { save: key } });
}

export function show(title, ...content) {
  document.title = `${title} · ${t('coord_area')} · tavolo`;
  $('view').replaceChildren(h('h1', { id: 'view-title', tabindex: '-1' }, title), ...content.filter(Boolean));
  $('view-title').focus();
}

export function absolute(path) {
  return new URL(path, location.origin).href;
}
