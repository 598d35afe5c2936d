// Where the live socket connects and when it tries again: pure rules that
// live/socket.js follows (no timers, no sockets, `random` passed in so the
// tests can pin it).
//
// Behind several servers, HAProxy routes a WebSocket by its `meeting`
// parameter, so the socket carries the code it joins. A meeting lives on one
// server at a time; while it moves (another server holds it, or its server
// died and another takes it over) a join is answered `meeting_moving` with a
// `retry_after_ms`, and a server that loses a meeting closes its sockets with
// the reason `meeting moved`. Neither is a failure: the page says the
// meeting is moving and tries again by itself.

export const movingCode = 'meeting_moving';
export const movedReason = 'meeting moved';

const maxBackoffMs = 10000;
const minMovingMs = 100;
const maxMovingMs = 10000;
const quickRetryMs = 300;

// The socket's address for the page at `location` ({protocol, host}) joining
// `code` (as the join message sends it); plain /ws when there is no code.
export function socketUrl({ protocol, host }, code) {
  const scheme = protocol === 'https:' ? 'wss:' : 'ws:';
  const base = `${scheme}//${host}/ws`;
  // As the server reads a code (upper case, letters and digits only), so
  // that every way of typing it reaches the node that serves the meeting.
  const canonical = (code || '').toUpperCase().replace(/[^A-Z0-9]/g, '');
  return canonical ? `${base}?meeting=${encodeURIComponent(canonical)}` : base;
}

// How long to wait before joining again after `meeting_moving`: the server's
// `retry_after_ms` kept within 100..10000 ms (anything else, or none, is
// taken as the nearest bound), then up to 20% less so that a meeting's
// clients do not all come back in the same instant.
export function movingDelay(retryAfterMs, random = Math.random) {
  const asked = Number.isFinite(retryAfterMs) ? retryAfterMs : minMovingMs;
  const clamped = Math.min(maxMovingMs, Math.max(minMovingMs, asked));
  return Math.max(minMovingMs, Math.round(clamped * (1 - 0.2 * random())));
}

// How long to wait before opening a new socket after the `attempt`-th
// failure in a row (0 for the first): exponential backoff up to 10 s, half
// of it random. After a close for `meeting moved` the first try comes
// within 300 ms, since another server is taking the meeting over already.
export function reconnectDelay(attempt, reason, random = Math.random) {
  const base = attempt === 0 && reason === movedReason
    ? quickRetryMs
    : Math.min(maxBackoffMs, 500 * 2 ** attempt);
  return base / 2 + random() * (base / 2);
}

// What to do when the join is refused with `err` (a RequestError):
// - `{action: 'retry', delayMs}`: the meeting is moving; join again on the
//   same socket after delayMs;
// - `{action: 'reconnect'}`: no answer in time; drop this socket and open a
//   new one (the usual backoff);
// - `{action: 'wait'}`: the socket is gone; its close reconnects;
// - `{action: 'reject'}`: refused for good (wrong code, removed...): stop.
export function afterJoinError(err, random = Math.random) {
  if (err.code === movingCode) return { action: 'retry', delayMs: movingDelay(err.retryAfterMs, random) };
  if (err.code === 'timeout') return { action: 'reconnect' };
  if (err.code === 'disconnected') return { action: 'wait' };
  return { action: 'reject' };
}

// Whether the page should tell the user the server closed the socket for
// `reason`: not for a meeting that moved (the connection state says that),
// nor for a normal close.
export function announceClose({ code, reason }) {
  return !!reason && code !== 1000 && reason !== movedReason;
}
