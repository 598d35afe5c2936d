// A meeting that moves between servers: the socket's address carries the
// meeting's code (HAProxy routes by it), a join answered `meeting_moving` is
// tried again after the server's delay until it is acknowledged, and a close
// for `meeting moved` reconnects at once. The rules (live/reconnect.js) and
// the socket that follows them (live/socket.js, with a fake WebSocket).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  afterJoinError, announceClose, movingDelay, reconnectDelay, socketUrl,
} from '../../client-web/js/live/reconnect.js';
import { RequestError } from '../../client-web/js/live/push.js';

const http = { protocol: 'http:', host: 'localhost:8080' };

test('the socket connects to /ws with the meeting it joins, as the server reads its code', () => {
  assert.equal(socketUrl(http, 'ABCD-2345'), 'ws://localhost:8080/ws?meeting=ABCD2345');
  assert.equal(socketUrl({ protocol: 'https:', host: 'tavolo.example.it' }, 'ABCD2345'),
    'wss://tavolo.example.it/ws?meeting=ABCD2345');
  // Every way of typing one code gives one parameter, so one node (HAProxy
  // hashes the parameter as it comes).
  for (const typed of ['abcd-2345', 'ABCD 2345', ' abcd2345 ', 'Abcd-23-45'])
    assert.equal(socketUrl(http, typed), 'ws://localhost:8080/ws?meeting=ABCD2345');
  // Nothing typed reaches the URL but letters and digits.
  assert.equal(socketUrl(http, 'ab cd&x=1#y?z%+/è'), 'ws://localhost:8080/ws?meeting=ABCDX1YZ');
  // Without a code (never joined yet): plain /ws.
  assert.equal(socketUrl(http, ''), 'ws://localhost:8080/ws');
  assert.equal(socketUrl(http, undefined), 'ws://localhost:8080/ws');
  assert.equal(socketUrl(http, '-- '), 'ws://localhost:8080/ws');
});

test("meeting_moving's delay is the server's, kept within 100..10000 ms, less up to 20% of jitter", () => {
  const none = () => 0;
  const most = () => 1;
  assert.equal(movingDelay(1500, none), 1500);
  assert.equal(movingDelay(1500, most), 1200);
  assert.equal(movingDelay(1500, () => 0.5), 1350);
  // Too short, too long, missing or not a number: the nearest bound.
  assert.equal(movingDelay(0, none), 100);
  assert.equal(movingDelay(-5, none), 100);
  assert.equal(movingDelay(20, most), 100);
  assert.equal(movingDelay(60000, none), 10000);
  assert.equal(movingDelay(60000, most), 8000);
  assert.equal(movingDelay(undefined, none), 100);
  assert.equal(movingDelay(Number.NaN, none), 100);
  assert.equal(movingDelay(Infinity, none), 100);
  for (let i = 0; i < 200; i += 1) {
    const d = movingDelay(10000 * Math.random() * 3);
    assert.ok(d >= 100 && d <= 10000, String(d));
  }
});

test('after a join refused with meeting_moving the join is tried again; other refusals stop', () => {
  const moving = new RequestError('meeting_moving', 'moving', 2000);
  assert.deepEqual(afterJoinError(moving, () => 0), { action: 'retry', delayMs: 2000 });
  assert.deepEqual(afterJoinError(new RequestError('meeting_moving', 'moving', 50000), () => 0),
    { action: 'retry', delayMs: 10000 });
  assert.deepEqual(afterJoinError(new RequestError('meeting_moving', 'moving'), () => 0),
    { action: 'retry', delayMs: 100 });
  assert.deepEqual(afterJoinError(new RequestError('timeout', 'no reply')), { action: 'reconnect' });
  assert.deepEqual(afterJoinError(new RequestError('disconnected', 'lost')), { action: 'wait' });
  for (const code of ['meeting_not_found', 'bad_secret', 'removed', 'meeting_full', 'shutting_down']) {
    assert.deepEqual(afterJoinError(new RequestError(code, '')), { action: 'reject' }, code);
  }
});

test('a close for "meeting moved" is retried within 300 ms, then with the usual backoff', () => {
  const most = () => 1;
  assert.ok(reconnectDelay(0, 'meeting moved', most) <= 300);
  assert.ok(reconnectDelay(0, 'meeting moved', () => 0) >= 150);
  assert.equal(reconnectDelay(0, '', most), 500);
  assert.equal(reconnectDelay(0, 'heartbeat timeout', most), 500);
  assert.equal(reconnectDelay(1, 'meeting moved', most), 1000);
  assert.equal(reconnectDelay(3, undefined, most), 4000);
  assert.equal(reconnectDelay(10, undefined, most), 10000);
  assert.equal(reconnectDelay(10, undefined, () => 0), 5000);
  // Not announced as the server closing on us: the state says it moves.
  assert.equal(announceClose({ code: 1012, reason: 'meeting moved' }), false);
  assert.equal(announceClose({ code: 4000, reason: 'meeting moved' }), false);
  assert.equal(announceClose({ code: 1001, reason: 'server shutting down' }), true);
  assert.equal(announceClose({ code: 1000, reason: 'bye' }), false);
  assert.equal(announceClose({ code: 1006, reason: '' }), false);
});

// --- the socket, with a fake WebSocket, window and localStorage ---

class FakeSocket {
  static OPEN = 1;
  static all = [];
  constructor(url) {
    this.url = url;
    this.readyState = 0;
    this.sent = [];
    this.listeners = {};
    FakeSocket.all.push(this);
  }
  addEventListener(type, fn) { (this.listeners[type] ??= []).push(fn); }
  emit(type, event) { for (const fn of this.listeners[type] ?? []) fn(event); }
  send(text) { this.sent.push(JSON.parse(text)); }
  close(code, reason) { this.readyState = 3; this.emit('close', { code, reason }); }
  // Test side: the server's end.
  accept() { this.readyState = 1; this.emit('open', {}); }
  answer(frame) { this.emit('message', { data: JSON.stringify(frame) }); }
  last(type) { return this.sent.filter((m) => m.type === type).at(-1); }
  count(type) { return this.sent.filter((m) => m.type === type).length; }
}

function fakeBrowser() {
  const store = new Map();
  globalThis.localStorage = {
    getItem: (k) => (store.has(k) ? store.get(k) : null),
    setItem: (k, v) => store.set(k, String(v)),
    removeItem: (k) => store.delete(k),
  };
  globalThis.window = { addEventListener() {} };
  globalThis.WebSocket = FakeSocket;
  FakeSocket.all = [];
}

const joinResult = { seq: 3, resume: 'tok', meeting: {}, you: {} };

async function startSocket(t) {
  fakeBrowser();
  t.mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  const { LiveSocket } = await import('../../client-web/js/live/socket.js');
  const seen = { states: [], joined: [], rejected: [], announced: [] };
  const socket = new LiveSocket({
    url: socketUrl(http, 'ABCD-2345'),
    join: { code: 'ABCD-2345', name: 'Anna', organization: 'Comune' },
    storageKey: 'tavolo.ABCD2345.participant',
    onState: (s) => seen.states.push(s),
    onJoined: (r) => seen.joined.push(r),
    onJoinRejected: (e) => seen.rejected.push(e),
    onClosedByServer: (r) => seen.announced.push(r),
  });
  socket.start();
  return { socket, seen };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

test('a join answered meeting_moving says so and joins again after the delay until acknowledged', async (t) => {
  const { socket, seen } = await startSocket(t);
  const ws = FakeSocket.all[0];
  assert.equal(ws.url, 'ws://localhost:8080/ws?meeting=ABCD2345');
  ws.accept();
  const submitted = socket.submit({ kind: 'proposal', text: 'Più corse serali' });
  assert.equal(ws.count('submit'), 0); // not before the join's ack

  for (let round = 0; round < 3; round += 1) {
    const join = ws.last('join');
    ws.answer({ type: 'error', ref: join.ref, code: 'meeting_moving', message: 'moving', retry_after_ms: 2000 });
    await tick();
    assert.equal(seen.states.at(-1), 'moving');
    assert.equal(seen.rejected.length, 0);
    t.mock.timers.tick(1599); // at least 80% of 2000 ms
    assert.equal(ws.count('join'), round + 1);
    t.mock.timers.tick(401);
    assert.equal(ws.count('join'), round + 2, 'joined again on the same socket');
  }
  assert.equal(FakeSocket.all.length, 1, 'no new socket while the meeting moves');

  ws.answer({ type: 'ack', ref: ws.last('join').ref, result: joinResult });
  await tick();
  assert.equal(seen.states.at(-1), 'open');
  assert.equal(seen.joined.length, 1);
  // The outbox goes out once joined.
  const submit = ws.last('submit');
  assert.equal(submit.text, 'Più corse serali');
  ws.answer({ type: 'ack', ref: submit.ref, result: { id: submit.id, seq: 4 } });
  assert.deepEqual(await submitted, { id: submit.id, seq: 4 });
  socket.stop();
});

test('a join answered meeting_moving on a socket that then closes is not tried on the dead socket', async (t) => {
  const { socket, seen } = await startSocket(t);
  const ws = FakeSocket.all[0];
  ws.accept();
  ws.answer({ type: 'error', ref: ws.last('join').ref, code: 'meeting_moving', message: '', retry_after_ms: 5000 });
  await tick();
  ws.close(1006, '');
  t.mock.timers.tick(10000);
  assert.equal(ws.count('join'), 1);
  assert.ok(FakeSocket.all.length >= 2, 'a new socket instead');
  assert.equal(FakeSocket.all[1].url, 'ws://localhost:8080/ws?meeting=ABCD2345');
  assert.equal(seen.rejected.length, 0);
  socket.stop();
});

test('a close for "meeting moved" reconnects within 300 ms, resumes, and is not announced', async (t) => {
  const { socket, seen } = await startSocket(t);
  const ws = FakeSocket.all[0];
  ws.accept();
  ws.answer({ type: 'ack', ref: ws.last('join').ref, result: joinResult });
  await tick();
  ws.close(4000, 'meeting moved');
  assert.equal(seen.states.at(-1), 'moving');
  assert.deepEqual(seen.announced, []);
  t.mock.timers.tick(300);
  assert.equal(FakeSocket.all.length, 2);
  const again = FakeSocket.all[1];
  again.accept();
  const join = again.last('join');
  assert.equal(join.resume, 'tok');
  assert.equal(join.since, 3);
  again.answer({ type: 'ack', ref: join.ref, result: { ...joinResult, resume: undefined } });
  await tick();
  assert.equal(seen.states.at(-1), 'open');
  socket.stop();
});

test('a join refused for good stops, as before', async (t) => {
  const { seen } = await startSocket(t);
  const ws = FakeSocket.all[0];
  ws.accept();
  ws.answer({ type: 'error', ref: ws.last('join').ref, code: 'meeting_not_found', message: '' });
  await tick();
  assert.equal(seen.rejected[0].code, 'meeting_not_found');
  assert.equal(seen.states.at(-1), 'closed');
  t.mock.timers.tick(20000);
  assert.equal(FakeSocket.all.length, 1);
});
