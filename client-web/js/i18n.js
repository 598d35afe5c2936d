// The page's language: Italian by default, English by a switch, remembered on
// this device. t(key, params) looks a string up and fills {placeholders}.
import it from './i18n/it.js';
import en from './i18n/en.js';

const tables = { it, en };
const storageKey = 'tavolo.lang';
let current = 'it';
try {
  const saved = localStorage.getItem(storageKey);
  if (saved && tables[saved]) current = saved;
} catch { /* storage may be disabled */ }

export function language() { return current; }

export function setLanguage(lang) {
  if (!tables[lang]) return;
  current = lang;
  try { localStorage.setItem(storageKey, lang); } catch { /* ignore */ }
}

export function t(key, params = {}) {
  const text = tables[current][key] ?? tables.it[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
}

// Fills every element marked data-i18n under `root` with its string.
export function translatePage(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
