import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TurnOutbox } from './TurnOutbox.js';

const turn = () => new Promise((resolve) => setImmediate(resolve));

/** Three updates from three editors typing one after another into the same text. */
function edits(): Uint8Array[] {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  doc.on('update', (u: Uint8Array) => updates.push(u));
  for (const word of ['one ', 'two ', 'three']) doc.getText('t').insert(doc.getText('t').length, word);
  return updates;
}

function textOf(update: Uint8Array): string {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, update);
  return doc.getText('t').toString();
}

describe('TurnOutbox', () => {
  it('sends a change to a quiet room at once, and batches the ones right after it to the end of the turn', async () => {
    const batches: Array<{ size: number; merged: Uint8Array }> = [];
    const outbox = new TurnOutbox((batch, merged) => batches.push({ size: batch.length, merged }), 1000);
    const [u1, u2, u3] = edits();
    outbox.add({ update: u1!, origin: 'server', transactions: [] });
    expect(batches.map((b) => b.size)).toEqual([1]);
    outbox.add({ update: u2!, origin: 'server', transactions: [] });
    outbox.add({ update: u3!, origin: 'server', transactions: [] });
    expect(outbox.size).toBe(2);
    await turn();
    expect(batches.map((b) => b.size)).toEqual([1, 2]);
    const all = new Y.Doc();
    for (const { merged } of batches) Y.applyUpdate(all, merged);
    expect(all.getText('t').toString()).toBe('one two three');
  });

  it('hands on a turn’s changes in order with their origins and merged into one update, once', async () => {
    const batches: Array<{ origins: unknown[]; text: string }> = [];
    const outbox = new TurnOutbox((batch, merged) => batches.push({ origins: batch.map((c) => c.origin), text: textOf(merged) }), Infinity);
    const [u1, u2, u3] = edits();
    outbox.add({ update: u1!, origin: 'a', transactions: [] });
    outbox.add({ update: u2!, origin: 'b', transactions: [] });
    outbox.add({ update: u3!, origin: 'a', transactions: [] });
    outbox.flush();
    expect(batches).toEqual([{ origins: ['a', 'b', 'a'], text: 'one two three' }]);
    expect(outbox.size).toBe(0);
    await turn();
    expect(batches).toHaveLength(1);
  });

  it('hands on nothing once disposed', async () => {
    const batches: unknown[] = [];
    const outbox = new TurnOutbox((batch) => batches.push(batch), Infinity);
    outbox.add({ update: edits()[0]!, origin: 'server', transactions: [] });
    outbox.dispose();
    await turn();
    expect(batches).toEqual([]);
  });
});
