import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import type { RoomMember } from '../rooms/RoomClient.js';
import { TurnOutbox } from '../rooms/TurnOutbox.js';
import { RoomBroadcast } from './RoomBroadcast.js';
import type { RoomConnection } from './RoomConnection.js';
import { SharedFrame } from './SharedFrame.js';

const member: RoomMember = { id: 'u1', name: 'Delegate', role: 'delegate', delegation: null, delegationId: null, readOnly: false };
const turn = () => new Promise((resolve) => setImmediate(resolve));

class Recorder implements RoomConnection {
  readonly clientIds = new Set<number>();
  readonly sync = { declared: new Map<number, number>(), answered: true };
  readonly savedSubscribed = false;
  readonly member = member;
  readonly sent: Array<Uint8Array | SharedFrame> = [];
  send(message: Uint8Array | SharedFrame): void {
    this.sent.push(message);
  }
  speaksFor(): boolean {
    return false;
  }
  end(): void {}
  attach(): void {}
  /** The document updates received, applied to a fresh document. */
  text(): string {
    const doc = new Y.Doc();
    for (const message of this.sent) {
      const bytes = message instanceof SharedFrame ? message.message : message;
      const decoder = decoding.createDecoder(bytes);
      if (decoding.readVarUint(decoder) !== 0 || decoding.readVarUint(decoder) !== 2) continue;
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
    }
    return doc.getText('t').toString();
  }
}

/** Three updates from three editors typing one after another into the same text. */
function edits(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const word of ['one ', 'two ', 'three']) doc.getText('t').insert(doc.getText('t').length, word);
  return updates;
}

describe('RoomBroadcast', () => {
  it('sends the updates of one turn as one merged frame, the same bytes to everyone but their senders', async () => {
    const [a, b, watcher1, watcher2] = [new Recorder(), new Recorder(), new Recorder(), new Recorder()];
    const broadcast = new RoomBroadcast(new Set([a, b, watcher1, watcher2]), () => null);
    // The room's outbox batches a turn's changes; the broadcast frames each batch once.
    const outbox = new TurnOutbox((batch, merged) => broadcast.updates(batch, merged), Infinity);
    const [u1, u2, u3] = edits();
    outbox.add({ update: u1!, origin: a, transactions: [] });
    outbox.add({ update: u2!, origin: b, transactions: [] });
    outbox.add({ update: u3!, origin: 'server', transactions: [] });
    expect(watcher1.sent).toHaveLength(0);
    await turn();
    expect(watcher1.sent).toHaveLength(1);
    expect(watcher1.sent[0]).toBe(watcher2.sent[0]);
    expect(watcher1.text()).toBe('one two three');
    // Each sender gets one frame too, without its own update (which it has).
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(1);
    const withOwn = (mine: Uint8Array, rec: Recorder) => {
      const doc = new Y.Doc();
      Y.applyUpdate(doc, mine);
      for (const m of rec.sent) {
        const decoder = decoding.createDecoder(m instanceof SharedFrame ? m.message : m);
        decoding.readVarUint(decoder);
        decoding.readVarUint(decoder);
        Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
      }
      return doc.getText('t').toString();
    };
    expect(withOwn(u1!, a)).toBe('one two three');
    expect(withOwn(u2!, b)).toBe('one two three');
  });

  it('sends presence after the turn and then at most once per interval, with every change in between', async () => {
    const conn = new Recorder();
    let changes = 0;
    const broadcast = new RoomBroadcast(new Set([conn]), () => Uint8Array.of(1, 0, ++changes), { awarenessIntervalMs: 40 });
    broadcast.awarenessChanged();
    await turn();
    expect(conn.sent).toHaveLength(1);
    const start = performance.now();
    for (let i = 0; i < 50; i += 1) broadcast.awarenessChanged();
    await turn();
    expect(conn.sent).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(conn.sent).toHaveLength(2);
    expect(performance.now() - start).toBeGreaterThanOrEqual(35);
    broadcast.dispose();
  });

  it('sends no pending presence once disposed', async () => {
    const conn = new Recorder();
    const broadcast = new RoomBroadcast(new Set([conn]), () => Uint8Array.of(1, 0));
    broadcast.awarenessChanged();
    broadcast.dispose();
    await turn();
    expect(conn.sent).toEqual([]);
  });
});
