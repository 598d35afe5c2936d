// What the presenter's screen may show (client-web/js/meeting/peer_view.js):
// it holds a facilitator's state but shows only what a participant who wrote
// nothing would see.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { applyEvent, applyJoin, boardView, emptyState, results } from '../../client-web/js/meeting/state.js';
import { asPeer, sealed, sealedCount, wall } from '../../client-web/js/meeting/peer_view.js';

const frames = JSON.parse(readFileSync(new URL('../../shared/protocol/server-frames.json', import.meta.url))).frames;
const frame = (name) => structuredClone(frames.find((x) => x.name === name).frame);

const card = (id, seq, { status = 'visible', supports = 0, mine = false } = {}) => ({
  id, seq, kind: 'need', text: `testo ${id}`, status, supports, edited: false, created_at: 1, mine,
  author: { id: `p-${id}`, name: `Nome ${id}`, organization: `Ente ${id}` },
});

// A facilitator's state (the presenter joins as one) with `settings` on the meeting.
function staffState(settings = {}, cards = []) {
  const result = { ...frame('ack of a join').result, contributions: [] };
  result.you = { ...result.you, role: 'facilitator', supports: { a: 1 } };
  result.meeting = { ...result.meeting, ...settings };
  let s = applyJoin(emptyState(), result);
  for (const c of cards) s = applyEvent(s, { type: 'contribution', seq: c.seq, contribution: c });
  return { ...s, presence: { count: 3, members: [{ id: 'x', name: 'Fabia', organization: '', role: 'facilitator' }] } };
}

const cards = [card('a', 2, { mine: true }), card('b', 3, { status: 'hidden' }), card('c', 4, { status: 'withdrawn' }), card('d', 5, { supports: 2 })];

test('a peer sees visible contributions only, with their authors, and none of the staff-only parts', () => {
  const peer = asPeer(staffState({}, cards));
  assert.deepEqual([...peer.contributions.keys()], ['a', 'd']);
  assert.deepEqual(peer.contributions.get('d').author, { name: 'Nome d', organization: 'Ente d' });
  assert.equal('mine' in peer.contributions.get('a'), false);
  assert.deepEqual(peer.you.supports, {});
  assert.equal(peer.presence.count, 3);
  assert.equal(peer.presence.members, null);
});

test('an anonymous meeting shows no author at all', () => {
  const peer = asPeer(staffState({ anonymous: true }, cards));
  for (const c of peer.contributions.values()) assert.equal('author' in c, false, c.id);
  assert.equal(peer.contributions.get('d').text, 'testo d');
});

test('private writing shows no text until the reveal, only how many', () => {
  const s = staffState({ private_writing: true, revealed: false }, cards);
  assert.equal(sealed(s), true);
  assert.equal(asPeer(s).contributions.size, 0);
  assert.equal(sealedCount(s), 2);
  const revealed = applyEvent(s, { type: 'revealed', seq: 9, meeting: { ...s.meeting, revealed: true }, contributions: [] });
  assert.equal(sealed(revealed), false);
  assert.equal(sealedCount(revealed), 0);
  assert.deepEqual([...asPeer(revealed).contributions.keys()], ['a', 'd']);
});

test('the board and the results drawn from a peer view leave out what peers do not see', () => {
  let s = staffState({}, [card('3f2a9c', 2, { supports: 1 }), card('9c1d07', 3, { status: 'hidden', supports: 5 }),
    card('77ab01', 4, { supports: 2 })]);
  s = applyEvent(s, frame('board event'));
  const view = boardView(asPeer(s));
  assert.deepEqual(view.groups.map((g) => [g.id, g.members]), [['g1', ['3f2a9c']], ['g2', ['77ab01']]]);
  const r = results(asPeer(s));
  assert.deepEqual(r.groups.map((g) => [g.id, g.supports, g.mine]), [['g2', 2, 0], ['g1', 1, 0]]);
});

test('the wall shows the newest first and says how many more there are', () => {
  const s = staffState({}, [1, 2, 3, 4, 5].map((n) => card(`c${n}`, n + 1)));
  const { cards: shown, more } = wall(asPeer(s), 3);
  assert.deepEqual(shown.map((c) => c.id), ['c5', 'c4', 'c3']);
  assert.equal(more, 2);
  assert.equal(wall(asPeer(s), 10).more, 0);
});
