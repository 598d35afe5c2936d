// Texts the coordinator views share: a day, a count of supports, a plan
// version's status ("pubblicata il 30 novembre 2026"). Months and dates in
// words come from ui/format.js, as on the meeting page.
import { language, t } from '../i18n.js';

// A moment (ms since the epoch) as the day it was where the reader is.
export function dayText(ms) {
  return new Date(ms).toLocaleDateString(language() === 'it' ? 'it-IT' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric' });
}

// "1 sostegno", "3 sostegni": the plural as the language has it.
export function supportsText(n) {
  return t(new Intl.PluralRules(language()).select(n) === 'one' ? 'coord_supports_one' : 'coord_supports_other', { n });
}

// "pubblicata il 30 novembre 2026", "bozza": what a version's status says after "Versione 2, ".
export function versionStatus(v) {
  return v.status === 'published' && v.published_at ? t('coord_published_on', { date: dayText(v.published_at) }) : t(`coord_pstatus_${v.status}`);
}
