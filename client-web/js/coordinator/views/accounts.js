// The accounts (admins only): each with its role, communities and state, the
// actions on it (disable or enable, a new password shown once, sign out
// everywhere), and a form for a new account whose password is shown once.
import { t } from '../../i18n.js';
import { api } from '../api.js';
import { field, h, select, show } from '../dom.js';
import { act, communityName, loadCommunities, state } from '../state.js';

const roles = ['admin', 'referent', 'co-coordinator'];

// The box that shows a password made now: the only time it is ever shown.
function passwordBox(name, password) {
  return h('div', { class: 'card password-box', role: 'status' },
    h('p', {}, t('coord_account_password_for', { name })),
    h('p', {}, h('code', { class: 'password' }, password)),
    h('p', { class: 'muted' }, t('coord_account_password_once')));
}

function accountCard(a, shown) {
  const path = `/api/v1/accounts/${a.id}`;
  const then = (said) => (r) => shown(r.password ? passwordBox(a.name, r.password) : null, said);
  const button = (label, action, said, kind = 'btn-outline-primary') => h('button', {
    type: 'button', class: `btn ${kind} btn-sm`, 'aria-label': `${label}: ${a.name}`,
    on: { click: () => act(() => api('POST', `${path}/${action}`), then(said)) },
  }, label);
  const mine = a.id === state.coordinator?.id;
  return h('li', { class: 'card' },
    h('h2', {}, a.name, a.disabled ? h('span', { class: 'badge status-dropped' }, ` ${t('coord_account_disabled')}`) : null),
    h('p', {}, t(`coord_role_${a.role}`),
      a.communities.length ? ` — ${a.communities.map(communityName).join(', ')}` : ''),
    h('div', { class: 'actions' },
      mine ? null : a.disabled
        ? button(t('coord_account_enable'), 'enable', t('coord_account_enabled', { name: a.name }))
        : button(t('coord_account_disable'), 'disable', t('coord_account_disabled_said', { name: a.name })),
      button(t('coord_account_reset'), 'reset-password', t('coord_account_reset_said', { name: a.name })),
      button(t('coord_account_revoke'), 'revoke-sessions', t('coord_account_revoked', { name: a.name }), 'btn-link')));
}

export async function renderAccounts(result = null) {
  const [{ accounts }, communities] = await Promise.all([api('GET', '/api/v1/accounts'), loadCommunities()]);
  const shown = async (box, said) => {
    await renderAccounts(box);
    if (said) document.getElementById('announcer').textContent = said;
  };
  const name = h('input', { maxLength: 100, autocomplete: 'off' });
  const role = select(roles.map((r) => [r, t(`coord_role_${r}`)]), 'co-coordinator');
  const boxes = communities.map((c) => h('input', { type: 'checkbox', value: c.slug }));
  const picker = h('fieldset', {}, h('legend', {}, t('coord_account_communities')),
    communities.map((c, i) => field(c.name, boxes[i])));
  role.addEventListener('change', () => { picker.hidden = role.value !== 'co-coordinator'; });
  const form = h('form', { class: 'card' }, h('h2', {}, t('coord_account_new')),
    field(t('coord_name'), name), field(t('coord_account_role'), role), picker,
    h('button', { type: 'submit', class: 'btn btn-primary btn-sm' }, t('coord_account_add')));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const body = { name: name.value.trim(), role: role.value };
    if (role.value === 'co-coordinator') body.communities = boxes.filter((b) => b.checked).map((b) => b.value);
    act(() => api('POST', '/api/v1/accounts', body),
      (r) => shown(passwordBox(r.account.name, r.password), t('coord_account_added', { name: r.account.name })));
  });
  show(t('coord_accounts'), result,
    h('ul', { class: 'coord-list' }, accounts.map((a) => accountCard(a, shown))), form);
}
