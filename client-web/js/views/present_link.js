// The facilitator page's link to the presenter's screen: it opens
// #/present/CODE/SECRET in a new tab, which keeps the secret in that tab's
// sessionStorage and drops it from the address at once (views/present.js).
// Shown to staff who came with the facilitator link's secret.
import { $ } from '../ui/dom.js';
import { session, staff } from '../session.js';

export function renderPresentLink() {
  const { code, secret } = session.route;
  const shown = staff() && session.route.mode === 'facilitate' && !!secret;
  $('present-row').hidden = !shown;
  if (shown) $('present-link').href = `#/present/${encodeURIComponent(code)}/${encodeURIComponent(secret)}`;
}
