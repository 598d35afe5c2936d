// The join form: a participant gives the meeting's code, name and body; a
// facilitator (from the facilitator link) only a name. What was typed is
// remembered on this device for the next meeting.
import { t } from '../i18n.js';
import { $ } from '../ui/dom.js';
import { session } from '../session.js';

const profileKey = 'tavolo.profile';

export function loadProfile() {
  try {
    return JSON.parse(localStorage.getItem(profileKey) ?? '{}') ?? {};
  } catch {
    return {};
  }
}

function saveProfile(profile) {
  try { localStorage.setItem(profileKey, JSON.stringify(profile)); } catch { /* ignore */ }
}

const facilitating = () => session.route.mode !== 'join';

export function showJoin() {
  showJoinTexts();
  $('code-field').hidden = facilitating();
  $('org-field').hidden = facilitating();
  const profile = loadProfile();
  $('join-code').value = session.route.code || profile.code || '';
  $('join-name').value = profile.name || '';
  $('join-org').value = profile.organization || '';
  $('join-view').hidden = false;
  $('meeting-view').hidden = true;
}

export function showJoinTexts() {
  $('join-title').textContent = t(facilitating() ? 'facilitate_title' : 'join_title');
  $('join-intro').textContent = t(facilitating() ? 'facilitate_intro' : 'join_intro');
}

// The join's fields from the form, or null (and the reason shown) if one is
// missing.
export function readJoinForm() {
  const fields = facilitating()
    ? [['join-name', 'your_name']]
    : [['join-code', 'join_code'], ['join-name', 'your_name'], ['join-org', 'your_organization']];
  for (const [id, label] of fields) {
    if (!$(id).value.trim()) {
      $('join-error').textContent = t('required_field', { field: t(label) });
      $(id).focus();
      return null;
    }
  }
  const code = facilitating() ? session.route.code : $('join-code').value.trim();
  const join = { code, name: $('join-name').value.trim(), organization: facilitating() ? '' : $('join-org').value.trim() };
  if (session.route.secret) join.secret = session.route.secret;
  const previous = loadProfile();
  saveProfile(facilitating() ? { ...previous, name: join.name } : { code, name: join.name, organization: join.organization });
  $('join-error').textContent = '';
  return join;
}

// The join that a reload can make without the form: this device joined the
// meeting before (it holds a resume token for it) and remembers who it is.
export function storedJoin(hasResume) {
  const { route } = session;
  if (!route.code || route.mode === 'present') return null;
  const staffRoute = route.mode === 'facilitate';
  if (!hasResume(route.code, staffRoute)) return null;
  const profile = loadProfile();
  if (!profile.name) return null;
  if (staffRoute) return { code: route.code, name: profile.name, organization: '', secret: route.secret };
  const sameCode = (profile.code ?? '').toUpperCase().replace(/[\s-]/g, '') === route.code.toUpperCase().replace(/[\s-]/g, '');
  if (!sameCode || !profile.organization) return null;
  return { code: route.code, name: profile.name, organization: profile.organization };
}

export function joining(busy) {
  $('join-submit').disabled = busy;
  $('join-submit').textContent = t(busy ? 'joining' : 'join_button');
}

export function showJoinError(text) {
  joining(false);
  $('join-view').hidden = false;
  $('meeting-view').hidden = true;
  $('join-error').textContent = text;
}
