// The page around every view: the navigation (Accounts for admins only) and
// who is signed in, with their role.
import { t } from '../../i18n.js';
import { $ } from '../dom.js';
import { isAdmin } from '../permissions.js';
import { state, thisYear } from '../state.js';

export function renderChrome() {
  const who = state.coordinator;
  $('nav').hidden = !who;
  $('sign-out').hidden = !who;
  $('who').textContent = who ? `${who.name} · ${t(`coord_role_${who.role}`)}` : '';
  $('nav-system').setAttribute('href', `#/system/${thisYear}`);
  $('nav-accounts').hidden = !isAdmin(who);
}
