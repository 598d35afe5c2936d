// The page's meeting state (client-web/js/meeting/state.js), folded from the
// server's own example frames in shared/protocol: what each event changes,
// what it leaves alone, and what the views derive from it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import {
  applyEvent, applyJoin, applySupportAck, boardView, canWrite, countsByKind, emptyState, results,
} from '../../client-web/js/meeting/state.js';

const frames = JSON.parse(readFileSync(new URL('../../shared/protocol/server-frames.json', import.meta.url))).frames;
const frame = (name) => {
  const f = frames.find((x) => x.name === name);
  assert.ok(f, `no frame named "${name}" in shared/protocol/server-frames.json`);
  return structuredClone(f.frame);
};

const joined = (role = 'participant') => {
  const result = frame('ack of a join').result;
  result.you.role = role;
  return applyJoin(emptyState(), result);
};

const card = (id, seq, kind, supports = 0, status = 'visible') => ({
  id, seq, kind, text: `testo ${id}`, status, supports, edited: false, author: null, created_at: 1,
});

const withCards = (state, cards) => cards.reduce((s, c) => applyEvent(s, { type: 'contribution', seq: c.seq, contribution: c }), state);

test('the join answer gives the meeting, who you are and the contributions', () => {
  const s = joined();
  assert.equal(s.meeting.phase, 'collect');
  assert.equal(s.you.name, 'Anna Rossi');
  assert.equal(s.contributions.size, 1);
  assert.equal([...s.contributions.values()][0].text, 'Uno sportello digitale unico per i cittadini');
  assert.equal(canWrite(s), true);
});

test('a replay keeps what the page held; a snapshot replaces it', () => {
  const s = withCards(joined(), [card('b', 3, 'need')]);
  const replay = applyJoin(s, { mode: 'replay', meeting: s.meeting, you: s.you, seq: 3 });
  assert.equal(replay.contributions.size, 2);
  const snapshot = applyJoin(s, frame('ack of a join').result);
  assert.equal(snapshot.contributions.size, 1);
});

test('every example event folds in, and the state before it is left as it was', () => {
  let s = joined('facilitator');
  for (const f of frames.filter((x) => !['ack', 'error'].includes(x.frame.type))) {
    const before = s;
    const beforeCopy = { contributions: new Map(s.contributions), meeting: s.meeting, board: s.board, plan: s.plan };
    s = applyEvent(s, structuredClone(f.frame));
    assert.deepEqual(new Map(before.contributions), beforeCopy.contributions, f.name);
    assert.equal(before.meeting, beforeCopy.meeting, f.name);
    assert.equal(before.board, beforeCopy.board, f.name);
    assert.equal(before.plan, beforeCopy.plan, f.name);
  }
  assert.equal(s.plan.length, frame('the plan presented again after a coordinator changed it').plan.length);
  assert.equal(s.board.groups[0].objective, 'obj-5d41402abc4b2a76');
});

test('skip and unknown events leave the very same state', () => {
  const s = joined();
  assert.equal(applyEvent(s, frame('skip')), s);
  assert.equal(applyEvent(s, { type: 'from_a_newer_server', seq: 99 }), s);
});

test('a contribution arrives, gains supports, and is removed for peers', () => {
  let s = joined();
  s = applyEvent(s, { type: 'contribution', seq: 3, contribution: card('b', 3, 'need') });
  assert.equal(s.contributions.get('b').kind, 'need');
  s = applyEvent(s, { type: 'supports', seq: 4, id: 'b', supports: 4 });
  assert.equal(s.contributions.get('b').supports, 4);
  s = applyEvent(s, { type: 'contribution_removed', seq: 5, id: 'b', status: 'hidden' });
  assert.equal(s.contributions.has('b'), false);
  // Supports of a contribution this page does not hold change nothing.
  assert.equal(applyEvent(s, { type: 'supports', seq: 6, id: 'zz', supports: 1 }), s);
});

test('a hidden or withdrawn card stays for staff, marked, and is not counted', () => {
  const cards = [card('a', 2, 'proposal'), card('b', 3, 'proposal', 0, 'withdrawn'), card('c', 4, 'need', 0, 'hidden')];
  const staff = withCards(applyJoin(emptyState(), { ...frame('ack of a join').result, contributions: [], you: { role: 'facilitator' } }), cards);
  assert.equal(staff.contributions.size, 3);
  assert.equal(staff.contributions.get('b').status, 'withdrawn');
  assert.deepEqual(countsByKind(staff), { proposal: 1, need: 0, activity: 0 });
  const peer = withCards(applyJoin(emptyState(), { ...frame('ack of a join').result, contributions: [] }), cards);
  assert.deepEqual([...peer.contributions.keys()], ['a']);
});

test('a merge keeps one contribution and drops the merged ones', () => {
  let s = withCards(joined(), [card('n1', 3, 'proposal'), card('n2', 4, 'proposal')]);
  s = applyEvent(s, frame('merge event'));
  assert.deepEqual([...s.contributions.keys()], ['3f2a9c0e8b7d4a1f9e6c5b4a3d2e1f00']);
});

test('supports add up per group, over visible members only', () => {
  let s = withCards(joined('facilitator'), [
    card('3f2a9c', 10, 'proposal', 3), card('9c1d07', 11, 'need', 2),
    card('77ab01', 12, 'proposal', 5), card('5e0f33', 13, 'activity', 1, 'hidden'), card('loose', 14, 'need', 4),
  ]);
  s = applyEvent(s, frame('board event'));
  const view = boardView(s);
  assert.deepEqual(view.groups.map((g) => [g.id, g.supports, g.members.length]), [['g1', 5, 2], ['g2', 5, 1]]);
  assert.ok(view.loose.includes('loose'));
  assert.ok(!view.loose.includes('5e0f33'));
});

test('results rank groups and their contributions by supports, with your own apart', () => {
  let s = withCards(joined(), [
    card('3f2a9c', 10, 'proposal', 1), card('9c1d07', 11, 'need', 2),
    card('77ab01', 12, 'proposal', 6), card('5e0f33', 13, 'activity', 0),
  ]);
  s = applyEvent(s, frame('board event'));
  s = applySupportAck(s, '77ab01', { id: '77ab01', supports: 7, mine: 1, budget_left: 4 });
  const r = results(s);
  assert.deepEqual(r.groups.map((g) => g.id), ['g2', 'g1']);
  assert.equal(r.groups[0].supports, 7);
  assert.deepEqual(r.groups[1].contributions.map((c) => c.id), ['9c1d07', '3f2a9c']);
  assert.equal(r.groups[0].contributions[0].mine, 1);
  assert.equal(r.groups[0].contributions[1].mine, 0);
  assert.equal(r.topGroup, 7);
  assert.equal(r.topContribution, 7);
  assert.equal(s.you.budget_left, 4);
  // A group counts what this participant gave to its members; bars of
  // groups and of contributions each have their own full length.
  assert.equal(r.groups[0].mine, 1);
  assert.equal(r.groups[1].mine, 0);
  assert.equal(r.topGroup, 7);
  assert.equal(r.topContribution, 7);
  s = applyEvent(s, { type: 'supports', seq: 20, id: '9c1d07', supports: 4 });
  const again = results(s);
  assert.deepEqual(again.groups.map((g) => [g.id, g.supports]), [['g2', 7], ['g1', 5]]);
  assert.deepEqual(again.groups[1].contributions.map((c) => [c.id, c.supports]), [['9c1d07', 4], ['3f2a9c', 1]]);
});

test('results without a board rank every visible contribution; nothing given keeps bars at a length of 1', () => {
  const bare = applyJoin(emptyState(), { ...frame('ack of a join').result, contributions: [] });
  const s = withCards(bare, [card('a', 2, 'proposal', 0), card('b', 3, 'need', 2), card('c', 4, 'activity', 2)]);
  const r = results(s);
  assert.deepEqual(r.groups, []);
  assert.deepEqual(r.ungrouped.map((c) => c.id), ['b', 'c', 'a']);
  const none = results(withCards(bare, [card('x', 2, 'need')]));
  assert.equal(none.topGroup, 1);
  assert.equal(none.topContribution, 1);
});

test('a board naming a contribution this page does not hold shows the others', () => {
  // A peer's page: a member was hidden after the board was made.
  let s = withCards(joined(), [card('3f2a9c', 10, 'proposal', 3), card('77ab01', 12, 'proposal', 1)]);
  s = applyEvent(s, frame('board event'));
  const view = boardView(s);
  assert.deepEqual(view.groups.map((g) => [g.id, g.members, g.supports]), [['g1', ['3f2a9c'], 3], ['g2', ['77ab01'], 1]]);
  assert.deepEqual(results(s).groups.map((g) => g.id), ['g1', 'g2']);
});

test('a locked meeting takes contributions from staff only, and only while collecting', () => {
  const locked = (role) => {
    const s = joined(role);
    return { ...s, meeting: { ...s.meeting, locked: true } };
  };
  assert.equal(canWrite(locked('participant')), false);
  assert.equal(canWrite(locked('facilitator')), true);
  const voting = applyEvent(joined(), { type: 'meeting', seq: 3, meeting: { ...joined().meeting, phase: 'vote' } });
  assert.equal(canWrite(voting), false);
});
