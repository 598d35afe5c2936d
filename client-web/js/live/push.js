// Requests in flight on one connection: each gets a ref, and settles with the
// server's ack, its error, a timeout, or the loss of the connection.

export class RequestError extends Error {
  // retryAfterMs: when the server asks to try again later (meeting_moving).
  constructor(code, message, retryAfterMs) {
    super(message);
    this.code = code;
    if (retryAfterMs !== undefined) this.retryAfterMs = retryAfterMs;
  }
}

export class Pushes {
  constructor(timeoutMs) {
    this.timeoutMs = timeoutMs;
    this.nextRef = 1;
    this.pending = new Map(); // ref -> {resolve, reject, timer}
  }

  // Sends {type, ref, ...fields} through `send` and waits for the reply.
  push(send, type, fields) {
    return new Promise((resolve, reject) => {
      const ref = String(this.nextRef++);
      const timer = setTimeout(() => {
        this.pending.delete(ref);
        reject(new RequestError('timeout', 'no reply'));
      }, this.timeoutMs);
      this.pending.set(ref, { resolve, reject, timer });
      send(JSON.stringify({ type, ref, ...fields }));
    });
  }

  // An ack or error frame: true if it answered one of ours.
  reply(msg) {
    const p = this.pending.get(msg.ref);
    if (!p) return false;
    this.pending.delete(msg.ref);
    clearTimeout(p.timer);
    if (msg.type === 'ack') p.resolve(msg.result ?? {});
    else p.reject(new RequestError(msg.code, msg.message, msg.retry_after_ms));
    return true;
  }

  // The connection is gone: nobody will answer what is pending.
  failAll() {
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new RequestError('disconnected', 'connection lost'));
    }
    this.pending.clear();
  }
}
