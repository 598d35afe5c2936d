// The one owner of the meeting's WebSocket: connects and reconnects with
// backoff, joins (and re-joins after every reconnect with the resume token
// and the last seq seen), keeps a heartbeat, and sends the outbox once
// joined. Requests and their replies are live/push.js; the outbox that
// survives a reload is live/outbox.js; when to try again, and where to
// connect, is live/reconnect.js.
import { Outbox } from './outbox.js';
import { Pushes, RequestError } from './push.js';
import { afterJoinError, announceClose, movedReason, reconnectDelay } from './reconnect.js';

export { RequestError };

const pingEveryMs = 25000;
const requestTimeoutMs = 15000;

// The device's saved state of one meeting, per role: the resume token.
export function resumeKey(code, staff) {
  return `tavolo.${code.toUpperCase().replace(/[\s-]/g, '')}.${staff ? 'staff' : 'participant'}`;
}

export function hasResume(code, staff) {
  try { return !!localStorage.getItem(`${resumeKey(code, staff)}.resume`); } catch { return false; }
}

export class LiveSocket {
  // url: ws(s)://host/ws?meeting=CODE (reconnect.js's socketUrl); join: the join message's fields; handlers:
  // onState(state), onJoined(result), onEvent(msg), onJoinRejected(error),
  // onOutbox(count), onClosedByServer(reason), onHeld(item, error) (a queued
  // contribution the meeting's phase refused: kept for later),
  // onRefused(item, error) (refused for good, and nobody was waiting).
  // storageKey names this meeting's saved state on this device.
  constructor({ url, join, storageKey, ...handlers }) {
    this.url = url;
    this.join = join;
    this.handlers = handlers;
    this.resumeKey = `${storageKey}.resume`;
    this.lastSeq = null; // the last event applied; null until the first join
    this.ws = null;
    this.pushes = new Pushes(requestTimeoutMs);
    this.waiters = new Map(); // contribution id -> {resolve, reject}
    this.outbox = new Outbox(`${storageKey}.outbox`, (n) => this.handlers.onOutbox?.(n));
    this.joined = false;
    this.stopped = false;
    this.attempt = 0;
    this.pingTimer = null;
    this.retryTimer = null;
    this.joinTimer = null;
    this.moving = false; // the server said the meeting is moving: the state says so
  }

  start() {
    this.stopped = false;
    // The browser knows first when the network goes: say so at once, and
    // try again as soon as it is back rather than at the next backoff step.
    if (!this.networkWatch) {
      this.networkWatch = true;
      window.addEventListener('offline', () => {
        if (this.ws && !this.stopped) this.ws.close(4001, 'offline');
      });
      window.addEventListener('online', () => this.wake());
    }
    this.open();
  }

  // Try now rather than at the next backoff step (the network is back, or
  // a phone's page is shown again).
  wake() {
    if (this.stopped || this.ws) return;
    clearTimeout(this.retryTimer);
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    clearTimeout(this.joinTimer);
    if (this.ws) this.ws.close(1000, 'bye');
  }

  // Forgets this device's resume token (leaving the meeting for good).
  forget() {
    try { localStorage.removeItem(this.resumeKey); } catch { /* storage disabled */ }
  }

  // Queues a contribution; resolves with {id, seq} once the server has it
  // stored, rejects with a RequestError the server gave.
  submit({ kind, text }) {
    const item = this.outbox.add(kind, text);
    const done = new Promise((resolve, reject) => {
      this.waiters.set(item.id, { resolve, reject });
    });
    if (this.joined) this.sendOutboxItem(item);
    return done;
  }

  outboxSize() { return this.outbox.size; }
  heldCount() { return this.outbox.heldCount; }

  // Sends any request that is not a contribution (moderation, supports...).
  send(type, fields) {
    if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
      return Promise.reject(new RequestError('disconnected', 'not connected'));
    }
    return this.pushes.push((text) => this.ws.send(text), type, fields);
  }

  // --- connection ---

  open() {
    this.setState(this.moving ? 'moving' : this.attempt === 0 ? 'connecting' : 'reconnecting');
    let ws;
    try {
      ws = new WebSocket(this.url);
    } catch {
      this.scheduleRetry();
      return;
    }
    this.ws = ws;
    ws.addEventListener('open', () => this.onOpen());
    ws.addEventListener('message', (e) => this.onMessage(e.data));
    ws.addEventListener('close', (e) => this.onClose(e));
  }

  onOpen() {
    this.sendJoin(this.ws);
  }

  // Joins on `ws`, and again on the same socket, after the delay the server
  // asks for, for as long as the meeting is moving to another server.
  sendJoin(ws) {
    if (ws !== this.ws || this.stopped) return; // that socket is gone
    // With the resume token the server knows us again; with the last seq it
    // sends exactly the events we missed (or a fresh snapshot).
    const join = { ...this.join };
    const resume = this.load(this.resumeKey);
    if (resume) join.resume = resume;
    if (resume && this.lastSeq !== null) join.since = this.lastSeq;
    this.send('join', join)
      .then((result) => {
        if (result.resume) this.store(this.resumeKey, result.resume);
        this.lastSeq = result.seq;
        this.attempt = 0;
        this.moving = false;
        this.joined = true;
        this.setState('open');
        this.handlers.onJoined?.(result);
        this.startHeartbeat();
        for (const item of this.outbox.items) this.sendOutboxItem(item);
      })
      .catch((err) => {
        const next = afterJoinError(err);
        if (next.action === 'wait') return; // retried on close
        if (next.action === 'retry') {
          this.moving = true;
          this.setState('moving');
          this.joinTimer = setTimeout(() => this.sendJoin(ws), next.delayMs);
          return;
        }
        if (next.action === 'reconnect') {
          if (ws === this.ws) ws.close(4000, 'join timeout');
          return;
        }
        this.stopped = true;
        this.handlers.onJoinRejected?.(err);
        this.ws?.close(1000, 'join rejected');
      });
  }

  onClose(event) {
    this.ws = null;
    this.joined = false;
    clearInterval(this.pingTimer);
    clearTimeout(this.joinTimer);
    this.pushes.failAll();
    if (announceClose(event)) this.handlers.onClosedByServer?.(event.reason);
    if (this.stopped) {
      this.setState('closed');
      return;
    }
    this.moving = event.reason === movedReason;
    this.scheduleRetry(event.reason);
  }

  scheduleRetry(reason) {
    this.setState(this.moving ? 'moving' : 'reconnecting');
    const delay = reconnectDelay(this.attempt, reason);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  startHeartbeat() {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      this.send('ping', {}).catch((err) => {
        // No answer: the link is dead even if the socket does not know yet.
        if (err.code === 'timeout') this.ws?.close(4000, 'heartbeat timeout');
      });
    }, pingEveryMs);
  }

  setState(state) {
    this.handlers.onState?.(state);
  }

  onMessage(data) {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (msg.type === 'ack' || msg.type === 'error') {
      this.pushes.reply(msg);
      return;
    }
    if (typeof msg.seq === 'number') {
      // Events come in seq order; anything at or below what we hold is old.
      if (this.lastSeq !== null && msg.seq <= this.lastSeq) return;
      this.lastSeq = msg.seq;
    }
    this.handlers.onEvent?.(msg);
  }

  load(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  }

  store(key, value) {
    try { localStorage.setItem(key, value); } catch { /* storage disabled */ }
  }

  // --- the outbox ---

  sendOutboxItem(item) {
    item.held = false;
    this.send('submit', { id: item.id, kind: item.kind, text: item.text })
      .then((result) => this.settle(item.id, (w) => w.resolve(result)))
      .catch((err) => {
        // Lost with the connection: it stays queued and goes out on re-join.
        if (err.code === 'disconnected' || err.code === 'timeout') return;
        // The meeting moved on while it waited (another phase, or locked):
        // it is held, not lost, and goes out when collecting reopens.
        if (err.code === 'wrong_phase' || err.code === 'submissions_locked') {
          this.outbox.hold(item);
          this.handlers.onHeld?.(item, err);
          return;
        }
        // Refused for good: whoever asked hears it; after a reload nobody
        // waits, and the page gets the text back so that nothing is lost.
        const waited = this.waiters.has(item.id);
        this.settle(item.id, (w) => w.reject(err));
        if (!waited) this.handlers.onRefused?.(item, err);
      });
  }

  // Sends the held contributions again (the page calls it when the meeting
  // collects again).
  retryHeld() {
    if (!this.joined) return;
    for (const item of this.outbox.items) if (item.held) this.sendOutboxItem(item);
  }

  settle(id, fn) {
    this.outbox.remove(id);
    const w = this.waiters.get(id);
    this.waiters.delete(id);
    if (w) fn(w);
  }
}
