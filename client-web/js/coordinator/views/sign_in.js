// Signing in: name and password; a wrong pair says so and keeps the name.
import { t } from '../../i18n.js';
import { api, markSession } from '../api.js';
import { apiErrorText, field, h, show } from '../dom.js';
import { redraw, state } from '../state.js';
import { renderChrome } from './chrome.js';

export function renderSignIn() {
  renderChrome();
  const name = h('input', { autocomplete: 'username', required: true, maxLength: 100 });
  const password = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'btn btn-primary' }, t('coord_sign_in'));
  const form = h('form', { class: 'card narrow', novalidate: true }, h('p', {}, t('coord_sign_in_intro')),
    field(t('coord_name'), name), field(t('coord_password'), password), error, submit);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (!name.value.trim() || !password.value) { error.textContent = t('coord_sign_in_missing'); return; }
    submit.disabled = true;
    try {
      state.coordinator = (await api('POST', '/api/v1/session', { name: name.value.trim(), password: password.value })).coordinator;
      markSession(true);
      password.value = '';
      await redraw();
    } catch (err) {
      error.textContent = err.code === 'invalid_credentials' ? t('coord_sign_in_wrong') : apiErrorText(err);
      submit.disabled = false;
      password.focus();
    }
  });
  show(t('coord_sign_in_title'), form);
  name.focus();
}
