// What the page holds while it runs: the route, the live socket, the
// connection's state, and the meeting (plain data, folded by
// meeting/state.js). Views read it; only app.js replaces `state`.
import { emptyState, isStaff } from './meeting/state.js';
import { parseRoute } from './meeting/route.js';

export const session = {
  route: parseRoute(typeof location === 'undefined' ? '' : location.hash),
  socket: null,
  code: '', // the join code the socket joined with (typed or from the route)
  connection: 'idle',
  state: emptyState(),
};

export const staff = () => isStaff(session.state);

// The largest text a contribution may have: the server's limit from the join
// answer, or the documented default before joining.
export const maxTextChars = () => session.state.limits?.max_text_chars ?? 1000;

export function send(type, fields) {
  return session.socket.send(type, fields);
}
