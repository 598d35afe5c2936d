// The one owner of the meeting's WebSocket: connects and reconnects with
// backoff, joins (and re-joins after every reconnect), gives every request a
// ref and a reply or a timeout, keeps a heartbeat, and holds an outbox of
// contributions that waits for the connection and survives a reload.

const pingEveryMs = 25000;
const requestTimeoutMs = 15000;
const maxBackoffMs = 10000;

export class RequestError extends Error {
  constructor(code, message) {
    super(message);
    this.code = code;
  }
}

// An id that nobody else will pick: 128 random bits as hex. Works outside
// secure contexts too (crypto.randomUUID does not).
export function newId() {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

export class LiveSocket {
  // url: ws(s)://host/ws; join: the join message's fields; handlers:
  // onState(state), onJoined(result), onEvent(msg), onJoinRejected(error),
  // onOutbox(count), onClosedByServer(reason), onHeld(item, error) (a queued
  // contribution the meeting's phase refused: kept for later),
  // onRefused(item, error) (refused for good, and nobody was waiting).
  // storageKey names this meeting's saved state on this device: the outbox,
  // the resume token and the last seq seen.
  constructor({ url, join, storageKey, ...handlers }) {
    this.url = url;
    this.join = join;
    this.handlers = handlers;
    this.outboxKey = `${storageKey}.outbox`;
    this.resumeKey = `${storageKey}.resume`;
    this.lastSeq = null; // the last event applied; null until the first join
    this.ws = null;
    this.nextRef = 1;
    this.pending = new Map(); // ref -> {resolve, reject, timer}
    this.waiters = new Map(); // contribution id -> [{resolve, reject}]
    this.outbox = this.loadOutbox();
    this.joined = false;
    this.stopped = false;
    this.attempt = 0;
    this.pingTimer = null;
    this.retryTimer = null;
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
      window.addEventListener('online', () => {
        if (this.stopped || this.ws) return;
        clearTimeout(this.retryTimer);
        this.open();
      });
    }
    this.open();
  }

  stop() {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    if (this.ws) this.ws.close(1000, 'bye');
  }

  // Queues a contribution; resolves with {id, seq} once the server has it
  // stored, rejects with a RequestError the server gave.
  submit({ kind, text }) {
    const item = { id: newId(), kind, text };
    this.outbox.push(item);
    this.saveOutbox();
    const done = new Promise((resolve, reject) => {
      this.waiters.set(item.id, { resolve, reject });
    });
    if (this.joined) this.sendOutboxItem(item);
    return done;
  }

  outboxSize() { return this.outbox.length; }

  // --- connection ---

  open() {
    this.setState(this.attempt === 0 ? 'connecting' : 'reconnecting');
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
    // With the resume token the server knows us again; with the last seq it
    // sends exactly the events we missed (or a fresh snapshot).
    const join = { ...this.join };
    const resume = this.load(this.resumeKey);
    if (resume) join.resume = resume;
    if (resume && this.lastSeq !== null) join.since = this.lastSeq;
    this.request('join', join)
      .then((result) => {
        if (result.resume) this.store(this.resumeKey, result.resume);
        this.lastSeq = result.seq;
        this.attempt = 0;
        this.joined = true;
        this.setState('open');
        this.handlers.onJoined?.(result);
        this.startHeartbeat();
        for (const item of this.outbox) this.sendOutboxItem(item);
      })
      .catch((err) => {
        if (err.code === 'timeout' || err.code === 'disconnected') return; // retried on close
        this.stopped = true;
        this.handlers.onJoinRejected?.(err);
        this.ws?.close(1000, 'join rejected');
      });
  }

  onClose(event) {
    this.ws = null;
    this.joined = false;
    clearInterval(this.pingTimer);
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new RequestError('disconnected', 'connection lost'));
    }
    this.pending.clear();
    if (event.reason && event.code !== 1000) this.handlers.onClosedByServer?.(event.reason);
    if (this.stopped) {
      this.setState('closed');
      return;
    }
    this.scheduleRetry();
  }

  scheduleRetry() {
    this.setState('reconnecting');
    const base = Math.min(maxBackoffMs, 500 * 2 ** this.attempt);
    this.attempt += 1;
    const delay = base / 2 + Math.random() * (base / 2);
    this.retryTimer = setTimeout(() => this.open(), delay);
  }

  startHeartbeat() {
    clearInterval(this.pingTimer);
    this.pingTimer = setInterval(() => {
      this.request('ping', {}).catch((err) => {
        // No answer: the link is dead even if the socket does not know yet.
        if (err.code === 'timeout') this.ws?.close(4000, 'heartbeat timeout');
      });
    }, pingEveryMs);
  }

  setState(state) {
    this.handlers.onState?.(state);
  }

  // --- requests and replies ---

  request(type, fields) {
    return new Promise((resolve, reject) => {
      if (!this.ws || this.ws.readyState !== WebSocket.OPEN) {
        reject(new RequestError('disconnected', 'not connected'));
        return;
      }
      const ref = String(this.nextRef++);
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(new RequestError('timeout', 'no reply'));
      }, requestTimeoutMs);
      this.pending.set(ref, { resolve, reject, timer });
      this.ws.send(JSON.stringify({ type, ref, ...fields }));
    });
  }

  onMessage(data) {
    let msg;
    try {
      msg = JSON.parse(data);
    } catch {
      return;
    }
    if (msg.type === 'ack' || msg.type === 'error') {
      const p = this.pending.get(msg.ref);
      if (!p) return;
      this.pending.delete(msg.ref);
      clearTimeout(p.timer);
      if (msg.type === 'ack') p.resolve(msg.result ?? {});
      else p.reject(new RequestError(msg.code, msg.message));
      return;
    }
    if (typeof msg.seq === 'number') {
      // Events come in seq order; anything at or below what we hold is old.
      if (this.lastSeq !== null && msg.seq <= this.lastSeq) return;
      this.lastSeq = msg.seq;
    }
    this.handlers.onEvent?.(msg);
  }

  // Sends any request that is not a contribution (moderation, supports...).
  send(type, fields) {
    return this.request(type, fields);
  }

  load(key) {
    try { return localStorage.getItem(key); } catch { return null; }
  }

  store(key, value) {
    try { localStorage.setItem(key, value); } catch { /* storage disabled */ }
  }

  // --- outbox ---

  sendOutboxItem(item) {
    item.held = false;
    this.request('submit', { id: item.id, kind: item.kind, text: item.text })
      .then((result) => this.settle(item.id, (w) => w.resolve(result)))
      .catch((err) => {
        // Lost with the connection: it stays queued and goes out on re-join.
        if (err.code === 'disconnected' || err.code === 'timeout') return;
        // The meeting moved on while it waited (another phase, or locked):
        // it is held, not lost, and goes out when collecting reopens.
        if (err.code === 'wrong_phase' || err.code === 'submissions_locked') {
          item.held = true;
          this.saveOutbox();
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
    for (const item of this.outbox) if (item.held) this.sendOutboxItem(item);
  }

  heldCount() { return this.outbox.filter((i) => i.held).length; }

  settle(id, fn) {
    this.outbox = this.outbox.filter((i) => i.id !== id);
    this.saveOutbox();
    const w = this.waiters.get(id);
    this.waiters.delete(id);
    if (w) fn(w);
  }

  loadOutbox() {
    try {
      const saved = JSON.parse(localStorage.getItem(this.outboxKey) ?? '[]');
      return Array.isArray(saved) ? saved : [];
    } catch {
      return [];
    }
  }

  saveOutbox() {
    try {
      localStorage.setItem(this.outboxKey, JSON.stringify(this.outbox));
    } catch { /* storage may be full or disabled: the outbox stays in memory */ }
    this.handlers.onOutbox?.(this.outbox.length);
  }
}
