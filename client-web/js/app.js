// The page's entry: routes, the live connection, and the fold of the join
// answer and events into the meeting's state (meeting/state.js), after which
// each view draws what changed. Views live in views/, one per part of the
// page; nothing here builds markup.
import { socketUrl } from './live/reconnect.js';
import { hasResume, LiveSocket, resumeKey } from './live/socket.js';
import { language, setLanguage, t, tn, translatePage } from './i18n.js';
import { applyEvent, applyJoin, applySupportAck } from './meeting/state.js';
import { parseRoute } from './meeting/route.js';
import { session } from './session.js';
import { $, announce } from './ui/dom.js';
import { errorText } from './ui/format.js';
import { showSiteFooter } from './ui/site_footer.js';
import { renderGroups, runClustering } from './views/board.js';
import { boardShown, redrawCardActions, redrawCards, renderCards, setSupportHandler } from './views/cards.js';
import { renderAlert, renderBudget, renderConnection, renderHead, renderPresence } from './views/head.js';
import { joining, readJoinForm, showJoin, showJoinError, showJoinTexts, storedJoin } from './views/join.js';
import { renderPlan } from './views/plan.js';
import { renderPresentLink } from './views/present_link.js';
import { renderResults } from './views/results.js';
import { bindStaff, renderPeople, renderStaff } from './views/staff.js';
import { bindSubmit, giveBack, renderOutbox, renderSubmit, restoreDraft, updateCounter } from './views/submit.js';

function connect(join) {
  session.socket?.stop();
  session.code = join.code;
  joining(true);
  session.socket = new LiveSocket({
    url: socketUrl(location, join.code),
    join,
    storageKey: resumeKey(join.code, !!join.secret),
    onState: (s) => {
      session.connection = s;
      renderConnection();
      renderOutbox();
    },
    onJoined,
    onEvent,
    onJoinRejected: (err) => showJoinError(errorText(err)),
    onOutbox: renderOutbox,
    onHeld: renderOutbox,
    onRefused: giveBack,
    onClosedByServer: (reason) => announce(t('closed_by_server', { reason })),
  });
  session.socket.start();
}

function onJoined(result) {
  const before = session.state;
  session.state = applyJoin(before, result);
  joining(false);
  $('join-view').hidden = true;
  $('meeting-view').hidden = false;
  if (result.mode === 'replay') renderCards(before, session.state, false);
  else redrawCards();
  renderMeeting();
  restoreDraft();
  renderOutbox();
  if (!document.activeElement || document.activeElement === document.body) $('submit-text').focus();
}

// Everything that depends on the meeting's phase and settings.
function renderMeeting() {
  if (!session.state.meeting) return;
  renderHead();
  renderStaff();
  renderSubmit();
  redrawCardActions();
  $('board').hidden = !boardShown();
  renderGroups();
  renderPlan();
  renderResults();
  renderPresentLink();
  renderPresence();
  renderPeople();
  renderAlert();
}

function onEvent(msg) {
  const before = session.state;
  session.state = applyEvent(before, msg);
  const after = session.state;
  if (after === before) return; // skip, or a type this page does not know
  if (after.contributions !== before.contributions) renderCards(before, after, true);
  if (after.meeting !== before.meeting) renderMeeting();
  else if (after.contributions !== before.contributions || after.board !== before.board) {
    $('board').hidden = !boardShown();
    renderGroups();
    renderResults();
  }
  if (after.plan !== before.plan) renderPlan();
  if (after.presence !== before.presence) {
    renderPresence();
    renderPeople();
  }
  if (after.alert !== before.alert) renderAlert();
  announceEvent(msg, before);
  if (msg.type === 'meeting' && msg.meeting.phase === 'collect' && !msg.meeting.locked) session.socket.retryHeld();
}

// What a screen reader hears of an event.
function announceEvent(msg, before) {
  switch (msg.type) {
    case 'contribution': {
      const c = msg.contribution;
      if (!before.contributions.has(c.id) && session.state.contributions.has(c.id)) {
        announce(t('new_contribution', { name: c.author?.name ?? t('anonymous'), text: c.text }));
      }
      break;
    }
    case 'working_group': {
      const g = msg.item.working_group;
      announce(tn('group_changed', g ? g.members.length : 0, { title: msg.item.title, status: t(`wg_${g?.status ?? 'forming'}`) }));
      break;
    }
    case 'plan':
      announce(t('plan_changed'));
      break;
    case 'board':
      announce(msg.objective ? t('objective_created', { title: msg.objective.title })
        : tn('board_changed', msg.board.groups.length));
      break;
    default:
      break;
  }
}

// A participant's support or its withdrawal, as the server answered it.
setSupportHandler((id, result) => {
  const before = session.state;
  session.state = applySupportAck(before, id, result);
  renderCards(before, session.state, false);
  renderBudget();
  redrawCardActions();
  renderGroups();
  renderResults();
  announce(t('budget_left', { n: result.budget_left }));
});

function applyLanguage() {
  translatePage();
  $('lang-switch').textContent = t('switch_language');
  $('lang-switch').lang = language() === 'it' ? 'en' : 'it';
  renderConnection();
  updateCounter();
  if (session.state.meeting) {
    redrawCards();
    renderMeeting();
    renderOutbox();
  } else {
    showJoinTexts();
  }
}

function onJoinSubmit(event) {
  event.preventDefault();
  const join = readJoinForm();
  if (join) connect(join);
}

function init() {
  // The presenter's screen is a page of its own, loaded only when asked for.
  if (session.route.mode === 'present') {
    import('./views/present.js').then((m) => m.startPresenting());
    return;
  }
  $('join-form').addEventListener('submit', onJoinSubmit);
  $('cluster-run').addEventListener('click', runClustering);
  bindSubmit();
  bindStaff();
  $('lang-switch').addEventListener('click', () => {
    setLanguage(language() === 'it' ? 'en' : 'it');
    applyLanguage();
  });
  window.addEventListener('hashchange', () => {
    session.route = parseRoute(location.hash);
    if (session.route.mode === 'present') location.reload(); // a page of its own
    else if (!session.state.meeting) showJoin();
  });
  // A phone waking up: reconnect now rather than at the next backoff step.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') session.socket?.wake();
  });
  applyLanguage();
  showJoin();
  showSiteFooter($('site-footer'));
  // A reload (or a link opened again) rejoins without the form when this
  // device was already in the meeting.
  const join = storedJoin(hasResume);
  if (join) connect(join);
}

init();
