// The peer for tavolo's benchmarks: a minimal broadcast server on Node's
// `ws` package, speaking the subset of tavolo's protocol the load generator
// uses — join (answered with the meeting's seq), submit (acknowledged, then
// sent to every member as a `contribution` event with the next seq), ping.
// Meetings are made on first join; nothing is stored. It is what a plain
// broadcast costs, with none of tavolo's validation, durability or privacy.
//
// usage: node ws-peer.mjs [PORT]   (0 or none: any free port; the first line
// printed is {"event":"listening","port":P})
import { WebSocketServer } from 'ws';

const meetings = new Map(); // code -> {seq, members: Set}
const port = Number(process.argv[2] ?? 0);
const server = new WebSocketServer({ port, host: '127.0.0.1', path: '/ws', perMessageDeflate: false });

server.on('listening', () => {
  console.log(JSON.stringify({ event: 'listening', port: server.address().port }));
});

server.on('connection', (ws) => {
  let meeting = null;
  let name = '';
  let organization = '';
  const reply = (ref, result) => ws.send(JSON.stringify({ type: 'ack', ref, result }));
  ws.on('message', (data) => {
    let msg;
    try { msg = JSON.parse(data); } catch { return; }
    if (msg.type === 'join') {
      meeting = meetings.get(msg.code);
      if (!meeting) {
        meeting = { seq: 0, members: new Set() };
        meetings.set(msg.code, meeting);
      }
      meeting.members.add(ws);
      name = String(msg.name ?? '');
      organization = String(msg.organization ?? '');
      reply(msg.ref, { seq: meeting.seq, you: { name, organization, role: 'participant' }, contributions: [] });
    } else if (msg.type === 'submit' && meeting) {
      const seq = ++meeting.seq;
      reply(msg.ref, { id: msg.id, seq });
      const frame = JSON.stringify({
        type: 'contribution',
        seq,
        contribution: { id: msg.id, seq, kind: msg.kind, text: msg.text, status: 'visible', supports: 0, author: { name, organization } },
      });
      for (const member of meeting.members) member.send(frame);
    } else if (msg.type === 'ping') {
      reply(msg.ref, {});
    }
  });
  ws.on('close', () => meeting?.members.delete(ws));
});
