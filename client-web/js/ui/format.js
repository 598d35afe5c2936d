// Dates, months and error texts in the page's language.
import { language, t } from '../i18n.js';

const locale = () => (language() === 'it' ? 'it-IT' : 'en-GB');

// "2027-03" -> "marzo 2027"
export function monthText(ym) {
  if (!ym) return '';
  const [y, m] = ym.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString(locale(), { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// "2027-03-01" -> "1 marzo 2027"
export function dateText(ymd) {
  if (!ymd) return '';
  const [y, m, d] = ymd.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d)).toLocaleDateString(locale(), { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}

// A server error in words: the code's own text, or the server's message.
export function errorText(err) {
  const key = `error_${err.code}`;
  const text = t(key);
  return text === key ? t('error_generic', { message: err.message }) : text;
}

// "m:ss" of a number of seconds.
export function clockText(seconds) {
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}
