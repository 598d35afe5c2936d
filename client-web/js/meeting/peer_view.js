// What a participant who wrote nothing may see of the meeting, derived from
// a staff member's state. The presenter's screen joins as staff (only staff
// may open it) but is shared with everyone in the video call, so it shows no
// more than a participant's own page would (docs/protocol.md, "Who sees
// what"): visible contributions only, without authors in an anonymous
// meeting, and none at all under private writing until the reveal. Pure
// functions of the state, like meeting/state.js.
import { isVisible } from './state.js';

// Private writing before the reveal: nobody sees anybody else's text.
export const sealed = (state) => !!state.meeting?.private_writing && !state.meeting.revealed;

// The state as a peer would hold it. The staff-only parts (other people's
// names in presence, store alerts) and this member's own marks (`mine`, its
// supports) go too.
export function asPeer(state) {
  const anonymous = !!state.meeting?.anonymous;
  const contributions = new Map();
  if (!sealed(state)) {
    for (const [id, c] of state.contributions) {
      if (!isVisible(c)) continue;
      const { mine: _mine, author, ...card } = c;
      if (author && !anonymous) card.author = { name: author.name, organization: author.organization };
      contributions.set(id, card);
    }
  }
  return {
    ...state,
    contributions,
    you: { ...state.you, supports: {} },
    presence: { count: state.presence.count, members: null },
    alert: null,
  };
}

// How many contributions are waiting for the reveal: a number, never a text.
export function sealedCount(state) {
  if (!sealed(state)) return 0;
  let n = 0;
  for (const c of state.contributions.values()) if (isVisible(c)) n += 1;
  return n;
}

// The newest `limit` contributions of a peer's state, newest first, and how
// many older ones are left out.
export function wall(peer, limit) {
  const all = [...peer.contributions.values()].sort((a, b) => b.seq - a.seq);
  return { cards: all.slice(0, limit), more: Math.max(0, all.length - limit) };
}
