// A follow-up meeting's plan: its objectives with their working groups.
// Participants volunteer or leave while the phase is `plan`; staff confirm
// the composition, enable a group with its start date, reopen it, or remove
// a member.
import { t, tn } from '../i18n.js';
import { $, button, element, keepingFocus, titledCard } from '../ui/dom.js';
import { dateText, errorText, monthText } from '../ui/format.js';
import { send, session, staff } from '../session.js';
import { showSaved } from '../ui/saved.js';

const isMe = (m) => {
  const you = session.state.you;
  return you && m.name === you.name && m.organization === you.organization;
};

export function renderPlan() {
  const { meeting, plan } = session.state;
  const followup = meeting?.kind === 'followup';
  $('plan-view').hidden = !followup;
  if (!followup) return;
  const phase = meeting.phase;
  $('plan-intro').textContent = plan.length === 0 ? t('plan_empty')
    : phase === 'plan' ? t('plan_intro_open') : t('plan_intro_waiting');
  keepingFocus($('plan-list'), () => $('plan-list').replaceChildren(...plan.map((item) => planItem(item, phase))));
}

function planItem(item, phase) {
  const { li, head } = titledCard('card plan-item', `objective-${item.objective}`, item.title);
  li.dataset.objective = item.objective;
  const facts = element('dl', 'facts');
  const fact = (label, value) => {
    if (value) facts.append(element('dt', '', label), element('dd', '', value));
  };
  fact(t('plan_deliverable'), [item.deliverable.description, item.deliverable.due_month ? t('plan_due', { month: monthText(item.deliverable.due_month) }) : ''].filter(Boolean).join(' — '));
  fact(t('plan_schedule'), [monthText(item.start_month), monthText(item.end_month)].filter(Boolean).join(' – '));
  fact(t('plan_owners'), item.owners.join(', '));
  li.append(facts);
  if (item.description) li.append(element('p', 'description', item.description));
  const g = item.working_group;
  if (!g) {
    li.append(element('p', 'muted', t('wg_none')));
    return li;
  }
  const box = element('section', 'working-group');
  box.setAttribute('aria-label', t('wg_title_of', { title: item.title }));
  box.append(
    element('p', `badge wg-${g.status}`, g.status === 'enabled' ? t('wg_enabled_on', { date: dateText(g.start_date) }) : t(`wg_${g.status}`)),
    element('p', 'muted', tn('wg_count', g.members.length)),
    memberList(item, g, phase),
  );
  const mine = g.members.some(isMe);
  if (!staff() && phase === 'plan' && g.status === 'forming') {
    const act = mine
      ? button(t('wg_leave'), 'btn btn-outline-primary btn-sm', `leave:${item.objective}`, () => planRequest('unvolunteer', { objective: item.objective }))
      : button(t('wg_volunteer'), 'btn btn-primary btn-sm', `join:${item.objective}`, () => planRequest('volunteer', { objective: item.objective }));
    act.setAttribute('aria-describedby', head.id);
    box.append(act);
  } else if (!staff() && g.status !== 'forming' && phase === 'plan') {
    box.append(element('p', 'muted', t('wg_closed_note')));
  }
  if (staff() && phase !== 'closed') box.append(groupControls(item, g));
  const mark = element('p', 'save-status');
  mark.id = `wg-saved-${item.objective}`;
  box.append(mark);
  li.append(box);
  return li;
}

function memberList(item, g, phase) {
  const members = element('ul', 'wg-members');
  for (const m of g.members) {
    const mi = element('li', '', element('span', '', `${m.name} · ${m.organization}`));
    if (isMe(m)) mi.append(element('span', 'muted', ` (${t('wg_you')})`));
    if (m.confirmed) mi.append(element('span', 'confirmed', ` ✓ ${t('wg_confirmed')}`));
    if (staff() && phase !== 'closed') {
      const remove = button(t('wg_remove'), 'btn btn-link btn-sm', `remove:${item.objective}:${m.name}:${m.organization}`,
        () => planRequest('working_group_remove', { objective: item.objective, name: m.name, organization: m.organization }));
      remove.setAttribute('aria-label', t('wg_remove_label', { name: m.name, title: item.title }));
      mi.append(' ', remove);
    }
    members.append(mi);
  }
  return members;
}

// Staff: confirm the composition, enable with a start date, or reopen.
function groupControls(item, g) {
  const form = element('form', 'wg-controls');
  if (g.status === 'forming') {
    form.append(button(t('wg_confirm'), 'btn btn-outline-primary btn-sm', `compose:${item.objective}`,
      () => planRequest('working_group_status', { objective: item.objective, status: 'composed' })));
  } else {
    form.append(button(t('wg_reopen'), 'btn btn-link btn-sm', `reopen:${item.objective}`,
      () => planRequest('working_group_status', { objective: item.objective, status: 'forming' })));
  }
  if (g.status === 'enabled') return form;
  const id = `start-${item.objective}`;
  const label = element('label', '', t('wg_start_date'));
  label.htmlFor = id;
  const input = element('input', 'form-control form-control-sm wg-date');
  input.type = 'date';
  input.id = id;
  input.dataset.key = id;
  input.required = true;
  input.value = g.start_date ?? (item.start_month ? `${item.start_month}-01` : '');
  const enable = element('button', 'btn btn-primary btn-sm', t('wg_enable'));
  enable.type = 'submit';
  enable.dataset.key = `enable:${item.objective}`;
  form.append(label, input, enable);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    if (!input.value) {
      $('plan-error').textContent = t('wg_start_date_needed');
      input.focus();
      return;
    }
    planRequest('working_group_status', { objective: item.objective, status: 'enabled', start_date: input.value });
  });
  return form;
}

// Every working-group change shows its "Salvato ✓" in its objective's card
// once the server has it (the event that redraws the plan comes first).
function planRequest(type, fields) {
  $('plan-error').textContent = '';
  return send(type, fields).then(() => {
    const item = session.state.plan.find((i) => i.objective === fields.objective);
    showSaved(document.getElementById(`wg-saved-${fields.objective}`), t('saved_mark'),
      t('wg_saved', { title: item?.title ?? '' }));
  }, (err) => { $('plan-error').textContent = errorText(err); });
}
