// Changing one's own password: the current one, the new one twice (at least
// 12 characters). The server ends this account's other sessions.
import { t } from '../../i18n.js';
import { api } from '../api.js';
import { apiErrorText, field, h, saveMark, show } from '../dom.js';
import { showSaved } from '../../ui/saved.js';

export function renderPassword() {
  const current = h('input', { type: 'password', autocomplete: 'current-password', required: true });
  const fresh = h('input', { type: 'password', autocomplete: 'new-password', required: true, minLength: 12, maxLength: 200 });
  const again = h('input', { type: 'password', autocomplete: 'new-password', required: true, minLength: 12, maxLength: 200 });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const form = h('form', { class: 'card narrow', novalidate: true }, h('p', {}, t('coord_password_intro')),
    field(t('coord_password_current'), current), field(t('coord_password_new'), fresh, t('coord_password_rule')),
    field(t('coord_password_again'), again), error,
    h('button', { type: 'submit', class: 'btn btn-primary' }, t('coord_password_change')), saveMark('password'));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    if ([...fresh.value].length < 12) { error.textContent = t('coord_password_rule'); fresh.focus(); return; }
    if (fresh.value !== again.value) { error.textContent = t('coord_password_mismatch'); again.focus(); return; }
    try {
      await api('PUT', '/api/v1/session/password', { current: current.value, new: fresh.value });
      for (const c of [current, fresh, again]) c.value = '';
      showSaved(document.querySelector('[data-save="password"]'), t('saved_mark'), t('coord_password_changed'));
    } catch (err) {
      error.textContent = err.code === 'wrong_password' ? t('coord_password_wrong') : apiErrorText(err);
      current.focus();
    }
  });
  show(t('coord_password_title'), form);
}
