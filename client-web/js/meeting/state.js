// The meeting as this page knows it, as plain data: the join answer and then
// every event fold into it with applyJoin / applyEvent, which never touch
// the page, the socket or storage (unit-tested in Node against the frames of
// shared/protocol). Each returns a new state and leaves the old one as it was,
// so a view can compare the two. Selectors below derive what views show.

export function emptyState() {
  return {
    meeting: null,
    you: null,
    limits: null,
    contributions: new Map(), // id -> contribution as last received
    board: { groups: [], pins: {}, runs: 0 },
    plan: [], // a follow-up meeting's objectives with their working groups
    presence: { count: 0, members: null }, // members: staff only
    alert: null, // {code, message}: the store cannot save (staff)
  };
}

export const isStaffRole = (role) => role === 'facilitator' || role === 'coordinator';

// A participant keeps only what is visible; staff keep hidden and withdrawn
// cards too, shown as such.
const keeps = (you, c) => isStaffRole(you?.role) || (c.status ?? 'visible') === 'visible';

function withContributions(state, list) {
  const contributions = new Map(state.contributions);
  for (const c of list) {
    if (keeps(state.you, c)) contributions.set(c.id, c);
    else contributions.delete(c.id);
  }
  return contributions;
}

// The join answer: a snapshot replaces what the page held; a replay keeps it
// and the events it missed follow.
export function applyJoin(state, result) {
  const base = result.mode === 'replay' ? state : emptyState();
  const next = {
    ...base,
    meeting: result.meeting,
    you: result.you,
    limits: result.limits ?? base.limits,
  };
  if (result.mode !== 'replay') {
    next.contributions = withContributions(next, result.contributions ?? []);
    next.board = result.board ?? next.board;
    next.plan = result.plan ?? [];
  }
  return next;
}

// One event from the server. Unknown types (and `skip`) leave the state as
// it was: a newer server may send what this page does not know yet.
export function applyEvent(state, event) {
  switch (event.type) {
    case 'contribution':
      return { ...state, alert: null, contributions: withContributions(state, [event.contribution]) };
    case 'contribution_removed': { // peers only: staff get the card with its status
      const contributions = new Map(state.contributions);
      contributions.delete(event.id);
      return { ...state, contributions };
    }
    case 'merge': {
      const contributions = withContributions(state, [event.keep]);
      for (const id of event.merged ?? []) contributions.delete(id);
      return { ...state, contributions };
    }
    case 'supports': {
      const known = state.contributions.get(event.id);
      if (!known) return state;
      const contributions = new Map(state.contributions);
      contributions.set(event.id, { ...known, supports: event.supports });
      return { ...state, contributions };
    }
    case 'revealed':
      return {
        ...state,
        meeting: event.meeting,
        contributions: withContributions(state, event.contributions ?? []),
      };
    case 'meeting':
      return { ...state, meeting: event.meeting };
    case 'alert':
      return { ...state, alert: { code: event.code, message: event.message } };
    case 'presence':
      return { ...state, presence: { count: event.count, members: event.members ?? state.presence.members } };
    case 'working_group':
      return {
        ...state,
        plan: state.plan.map((item) => (item.objective === event.item.objective ? event.item : item)),
      };
    case 'plan':
      return { ...state, plan: event.plan };
    case 'board':
      return { ...state, board: event.board };
    default:
      return state;
  }
}

// What the server answered to a support or unsupport of `id`.
export function applySupportAck(state, id, result) {
  const you = {
    ...state.you,
    supports: { ...(state.you?.supports ?? {}), [id]: result.mine },
    budget_left: result.budget_left,
  };
  const known = state.contributions.get(id);
  if (!known || typeof result.supports !== 'number') return { ...state, you };
  const contributions = new Map(state.contributions);
  contributions.set(id, { ...known, supports: result.supports });
  return { ...state, you, contributions };
}

// --- selectors ---

export const isStaff = (state) => isStaffRole(state.you?.role);
export const isVisible = (c) => (c?.status ?? 'visible') === 'visible';

// The cards of one kind, oldest first.
export function cardsOfKind(state, kind) {
  return [...state.contributions.values()].filter((c) => c.kind === kind).sort((a, b) => a.seq - b.seq);
}

// How many contributions of each kind count: withdrawn and hidden cards stay
// on a facilitator's board, dimmed, but are not counted.
export function countsByKind(state) {
  const counts = { proposal: 0, need: 0, activity: 0 };
  for (const c of state.contributions.values()) if (isVisible(c) && c.kind in counts) counts[c.kind] += 1;
  return counts;
}

// The board's groups with their visible members and support totals, and the
// visible contributions in no group.
export function boardView(state) {
  const placed = new Set();
  // A board may name a contribution this page does not hold (hidden after
  // the board was made, seen by a peer): it is not shown.
  const shown = (id) => state.contributions.has(id) && isVisible(state.contributions.get(id));
  const groups = state.board.groups.map((g) => {
    const members = g.members.filter(shown);
    members.forEach((id) => placed.add(id));
    const supports = members.reduce((sum, id) => sum + (state.contributions.get(id).supports ?? 0), 0);
    return { ...g, members, supports };
  });
  const loose = [...state.contributions.values()]
    .filter((c) => isVisible(c) && !placed.has(c.id))
    .sort((a, b) => a.seq - b.seq)
    .map((c) => c.id);
  return { groups, loose };
}

const bySupports = (a, b) => b.supports - a.supports || a.seq - b.seq;

// The results of a vote: groups by their total supports, each with its
// contributions by supports; then the contributions in no group. `mine` is
// what this participant gave, apart from the total (for a group: to its
// members). A bar's full length is `topGroup` for groups and
// `topContribution` for contributions.
export function results(state) {
  const { groups, loose } = boardView(state);
  const entry = (id) => {
    const c = state.contributions.get(id);
    return { id, text: c.text, kind: c.kind, seq: c.seq, supports: c.supports ?? 0, mine: state.you?.supports?.[id] ?? 0 };
  };
  // `seq`: the board's order, which breaks ties between equal totals.
  const ranked = groups
    .map((g, seq) => {
      const contributions = g.members.map(entry).sort(bySupports);
      return {
        id: g.id,
        title: g.title,
        objective: g.objective ?? null,
        supports: g.supports,
        mine: contributions.reduce((sum, c) => sum + c.mine, 0),
        seq,
        contributions,
      };
    })
    .sort(bySupports);
  const ungrouped = loose.map(entry).sort(bySupports);
  const topGroup = Math.max(1, ...ranked.map((g) => g.supports));
  const topContribution = Math.max(1, ...ungrouped.map((c) => c.supports),
    ...ranked.flatMap((g) => g.contributions.map((c) => c.supports)));
  return { groups: ranked, ungrouped, topGroup, topContribution };
}

// What a participant may do in the current phase.
export function canWrite(state) {
  const m = state.meeting;
  return !!m && m.phase === 'collect' && (!m.locked || isStaff(state));
}
