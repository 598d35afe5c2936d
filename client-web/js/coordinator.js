// The coordinator area's entry: routes by the hash to one view per screen
// (coordinator/views/), asks who is signed in only when this device opened a
// session (no 401 logged on the sign-in page), switches the language and
// signs out. The API client is coordinator/api.js; helpers coordinator/dom.js.
import { language, setLanguage, t, translatePage } from './i18n.js';
import { announce } from './ui/dom.js';
import { showSiteFooter } from './ui/site_footer.js';
import { ApiError, api, markSession, sessionMarked, whenSignedOut } from './coordinator/api.js';
import { $, showError } from './coordinator/dom.js';
import { act, setRedraw, state, thisYear } from './coordinator/state.js';
import { hideReferentActions, isReferent, lockView, mayChange } from './coordinator/permissions.js';
import { renderAccounts } from './coordinator/views/accounts.js';
import { renderChrome } from './coordinator/views/chrome.js';
import { renderCommunity } from './coordinator/views/community.js';
import { renderContributions } from './coordinator/views/contributions.js';
import { renderHome } from './coordinator/views/home.js';
import { renderObjective } from './coordinator/views/objective.js';
import { renderPlan, renderPlanVersion } from './coordinator/views/plan.js';
import { renderPassword } from './coordinator/views/password.js';
import { renderSignIn } from './coordinator/views/sign_in.js';
import { renderSystem } from './coordinator/views/system.js';

function parseHash() {
  return location.hash.replace(/^#\/?/, '').split('/').filter(Boolean).map(decodeURIComponent);
}

async function route() {
  showError(null);
  if (!state.coordinator) {
    if (!sessionMarked()) {
      renderSignIn();
      return;
    }
    try {
      state.coordinator = (await api('GET', '/api/v1/session')).coordinator;
    } catch {
      renderSignIn();
      return;
    }
  }
  renderChrome();
  const [view, a, b, c] = parseHash();
  try {
    if (view === 'contributions') await renderContributions();
    else if (view === 'community' && a) await renderCommunity(a, Number(b) || thisYear);
    else if (view === 'objective' && a) await renderObjective(a);
    else if (view === 'plan' && a && b && c) await renderPlanVersion(a, Number(b), Number(c));
    else if (view === 'plan' && a && b) await renderPlan(a, Number(b));
    else if (view === 'system') await renderSystem(Number(a) || thisYear);
    else if (view === 'accounts') await renderAccounts();
    else if (view === 'password') renderPassword();
    else await renderHome();
    offerOnlyAllowed(view, a);
  } catch (err) {
    if (!(err instanceof ApiError && err.status === 401)) showError(err);
  }
  // The section the view belongs to is marked current in the navigation.
  const section = { contributions: 'contributions', system: 'system', accounts: 'accounts', password: 'password' }[view] ?? 'communities';
  for (const link of $('nav').querySelectorAll('a')) {
    if (link.dataset.section === section) link.setAttribute('aria-current', 'page'); else link.removeAttribute('aria-current');
  }
}

// A view of a community the account may only read offers no change; a
// co-coordinator's own community offers all but publishing; only referents
// make communities.
function offerOnlyAllowed(view, slug) {
  const who = state.coordinator;
  const community = view === 'objective' ? state.viewCommunity : slug;
  if (['community', 'objective', 'plan'].includes(view) && !mayChange(who, community)) {
    lockView($('view'), t('coord_read_only'));
  } else if (!isReferent(who)) {
    hideReferentActions($('view'));
  }
}

function applyLanguage() {
  translatePage();
  $('lang-switch').textContent = t('switch_language');
  $('lang-switch').lang = language() === 'it' ? 'en' : 'it';
  $('nav').setAttribute('aria-label', t('coord_area'));
}

$('lang-switch').addEventListener('click', () => {
  setLanguage(language() === 'it' ? 'en' : 'it');
  applyLanguage();
  route();
});
$('sign-out').addEventListener('click', () => act(() => api('DELETE', '/api/v1/session'), () => {
  markSession(false);
  state.coordinator = null;
  location.hash = '#/';
  renderSignIn();
  announce(t('coord_signed_out'));
}));
window.addEventListener('hashchange', () => route());
whenSignedOut(() => {
  state.coordinator = null;
  renderSignIn();
});
setRedraw(route);
applyLanguage();
route();
showSiteFooter($('site-footer'));
