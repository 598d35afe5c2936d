// A compact actions menu (the WAI-ARIA menu button pattern): a "⋯" button
// with aria-haspopup and aria-expanded opens a small list of items; arrow
// keys, Home and End move between them, Escape closes it and gives the focus
// back to the button, Tab closes it. One menu is open at a time. The list is
// placed with fixed coordinates so a scrolling board never clips it.
import { element } from './dom.js';

let open = null; // { button, list }

// items: { key, text, run, checked? } (checked makes it a menuitemcheckbox)
// or { group: 'heading', items: [...] } for a labelled set of items.
export function actionsMenu({ key, label, text = '⋯', items }) {
  const id = `menu-${key.replace(/[^\w-]/g, '-')}`;
  const button = element('button', 'btn btn-sm menu-button', text);
  button.type = 'button';
  button.dataset.key = `menu:${key}`;
  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', id);
  button.setAttribute('aria-label', label);
  const list = element('div', 'menu-list');
  list.id = id;
  list.setAttribute('role', 'menu');
  list.setAttribute('aria-label', label);
  list.hidden = true;
  items.forEach((item, i) => list.append(item.group ? menuGroup(id, i, item) : menuItem(item)));
  button.addEventListener('click', () => (open?.button === button ? closeMenu() : openMenu(button, list, 0)));
  button.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      openMenu(button, list, e.key === 'ArrowUp' ? -1 : 0);
    }
  });
  list.addEventListener('keydown', (e) => onMenuKey(e, button, list));
  return element('div', 'menu', button, list);
}

function menuItem({ key, text, run, checked }) {
  const b = element('button', 'menu-item', text);
  b.type = 'button';
  b.tabIndex = -1;
  b.dataset.key = key;
  b.setAttribute('role', checked === undefined ? 'menuitem' : 'menuitemcheckbox');
  if (checked !== undefined) b.setAttribute('aria-checked', String(!!checked));
  b.addEventListener('click', () => {
    const { button } = open ?? {};
    closeMenu();
    button?.focus();
    run();
  });
  return b;
}

function menuGroup(id, i, { group, items }) {
  const head = element('p', 'menu-heading', group);
  head.id = `${id}-g${i}`;
  head.setAttribute('role', 'presentation');
  const box = element('div', 'menu-group', head, ...items.map(menuItem));
  box.setAttribute('role', 'group');
  box.setAttribute('aria-labelledby', head.id);
  return box;
}

const itemsOf = (list) => [...list.querySelectorAll('.menu-item')];

function openMenu(button, list, index) {
  closeMenu();
  open = { button, list };
  button.setAttribute('aria-expanded', 'true');
  list.hidden = false;
  place(button, list);
  const items = itemsOf(list);
  items.at(index)?.focus();
}

// Below the button, right-aligned; above it when there is no room below.
function place(button, list) {
  const b = button.getBoundingClientRect();
  list.style.maxHeight = `${Math.max(160, window.innerHeight - 16)}px`;
  const r = list.getBoundingClientRect();
  const left = Math.min(Math.max(8, b.right - r.width), window.innerWidth - r.width - 8);
  const below = b.bottom + 4;
  const top = below + r.height <= window.innerHeight - 8 ? below : Math.max(8, b.top - 4 - r.height);
  list.style.left = `${left}px`;
  list.style.top = `${top}px`;
}

export function closeMenu() {
  if (!open) return;
  open.button.setAttribute('aria-expanded', 'false');
  open.list.hidden = true;
  open = null;
}

function onMenuKey(e, button, list) {
  const items = itemsOf(list);
  const at = items.indexOf(document.activeElement);
  const go = (i) => items[(i + items.length) % items.length]?.focus();
  switch (e.key) {
    case 'ArrowDown': go(at + 1); break;
    case 'ArrowUp': go(at - 1); break;
    case 'Home': go(0); break;
    case 'End': go(items.length - 1); break;
    case 'Escape': closeMenu(); button.focus(); break;
    case 'Tab': closeMenu(); return;
    default: return;
  }
  e.preventDefault();
}

// Which menu is open and which of its items has the focus, to open it again
// after the part of the page holding it is drawn anew.
export function openMenuState() {
  if (!open) return null;
  return { button: open.button.dataset.key, item: document.activeElement?.dataset?.key ?? null };
}

export function reopenMenu(root, state) {
  if (!state) return;
  const button = root.querySelector(`[data-key="${CSS.escape(state.button)}"]`);
  const list = button && document.getElementById(button.getAttribute('aria-controls'));
  if (!list) return;
  const items = itemsOf(list);
  const index = Math.max(0, items.findIndex((i) => i.dataset.key === state.item));
  openMenu(button, list, index);
}

// A click elsewhere closes the menu; when the page or the board scrolls
// (a focus may scroll it too) the menu follows its button.
if (typeof document !== 'undefined') {
  document.addEventListener('pointerdown', (e) => {
    if (open && !open.list.contains(e.target) && !open.button.contains(e.target)) closeMenu();
  });
  const follow = (e) => { if (open && !open.list.contains(e.target)) place(open.button, open.list); };
  window.addEventListener('resize', follow);
  document.addEventListener('scroll', follow, true);
}
