// Small helpers for building the page. User text is always set with
// textContent, never parsed as markup.

export const $ = (id) => document.getElementById(id);

// An element with a class and children (nodes or strings).
export function element(tag, className, ...children) {
  const el = document.createElement(tag);
  if (className) el.className = className;
  el.append(...children);
  return el;
}

// A button that keeps its focus across re-renders by its key.
export function button(text, cls, key, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = cls;
  b.textContent = text;
  b.dataset.key = key;
  b.addEventListener('click', onClick);
  return b;
}

// A list item named by its heading (the screen reader says the title).
export function titledCard(className, headingId, title, level = 'h3') {
  const li = document.createElement('li');
  li.className = className;
  const head = document.createElement(level);
  head.id = headingId;
  head.textContent = title;
  li.setAttribute('aria-labelledby', headingId);
  li.append(head);
  return { li, head };
}

// Runs `render` and puts the focus back on the control with the same key
// inside `root`, so that a re-render does not lose the keyboard's place.
export function keepingFocus(root, render) {
  const focused = root.contains(document.activeElement) ? document.activeElement?.dataset?.key : null;
  render();
  if (focused) root.querySelector(`[data-key="${CSS.escape(focused)}"]`)?.focus();
}

// Says `text` to screen readers through the page's live region.
export function announce(text) {
  const el = $('announcer');
  el.textContent = '';
  // A fresh node makes screen readers read it even when the text repeats.
  requestAnimationFrame(() => { el.textContent = text; });
}
