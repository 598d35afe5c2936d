// The page's language: Italian by default, English by a switch, remembered on
// this device. t(key, params) looks a string up and fills {placeholders};
// tn(key, n) picks the plural form of a count.
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

// A count in words, singular or plural by the language's own rules
// (Intl.PluralRules): the table holds `key_one`, `key_other` (and any other
// category the language uses); {n} is the count.
export function tn(key, n, params = {}) {
  const category = new Intl.PluralRules(current === 'it' ? 'it-IT' : 'en-GB').select(n);
  const has = (k) => k in tables[current] || k in tables.it;
  return t(has(`${key}_${category}`) ? `${key}_${category}` : `${key}_other`, { n, ...params });
}

// Fills every element marked data-i18n under `root` with its string.
export function translatePage(root = document) {
  document.documentElement.lang = current;
  for (const el of root.querySelectorAll('[data-i18n]')) el.textContent = t(el.dataset.i18n);
}
