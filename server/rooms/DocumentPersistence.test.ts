import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DocumentPersistence } from './DocumentPersistence.js';

interface Call {
  payload: { update: Uint8Array };
  resolve(): void;
  reject(error: Error): void;
}

/** A store hook whose calls the test settles by hand, in any order. */
function manualStore() {
  const calls: Call[] = [];
  const store = (update: Uint8Array) => new Promise<void>((resolve, reject) => calls.push({ payload: { update }, resolve, reject }));
  return { calls, store };
}

const quiet = { warn: () => {}, error: () => {} };
const tick = () => new Promise((resolve) => setImmediate(resolve));

function setup() {
  const doc = new Y.Doc();
  doc.clientID = 1;
  const { calls, store } = manualStore();
  const notices: Array<{ sv: Map<number, number>; deleted: number }> = [];
  const persistence = new DocumentPersistence({
    draftId: 'AAAAAAAAAAAAAAAA',
    document: doc,
    store,
    log: quiet,
    retryDelayMs: 5,
    onDurable: (sv, ds) => notices.push({ sv: new Map(sv), deleted: [...ds.clients.values()].flat().reduce((n, d) => n + d.len, 0) }),
  });
  const edits: Uint8Array[] = [];
  doc.on('update', (update: Uint8Array, _origin: unknown, _doc: Y.Doc, tr: Y.Transaction) => {
    edits.push(update);
    persistence.write(update, tr.deleteSet);
  });
  return { doc, calls, notices, persistence, edits };
}

describe('DocumentPersistence', () => {
  it('reports durable state in acceptance order even when a later write finishes first', async () => {
    const { doc, calls, notices } = setup();
    doc.getText('t').insert(0, 'ab');
    doc.getText('t').insert(2, 'cd');
    calls[1]!.resolve();
    await tick();
    await tick();
    expect(notices).toEqual([]);
    calls[0]!.resolve();
    await tick();
    await tick();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.sv.get(1)).toBe(4);
  });

  it('sends one notice for all writes completed in the same turn, with the deletions among them', async () => {
    const { doc, calls, notices } = setup();
    doc.getText('t').insert(0, 'hello');
    doc.getText('t').delete(0, 2);
    for (const call of calls) call.resolve();
    await tick();
    await tick();
    expect(notices).toEqual([{ sv: new Map([[1, 5]]), deleted: 2 }]);
  });

  it('keeps a failed write, retries it, and only then reports it saved', async () => {
    const { doc, calls, notices, persistence } = setup();
    doc.getText('t').insert(0, 'x');
    calls[0]!.reject(new Error('disk full'));
    await tick();
    expect(persistence.pending).toBe(1);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(2);
    expect(calls[1]!.payload.update).toEqual(calls[0]!.payload.update);
    expect(notices).toEqual([]);
    const flushed = persistence.flushed();
    calls[1]!.resolve();
    await flushed;
    await tick();
    expect(notices).toHaveLength(1);
    expect(persistence.pending).toBe(0);
  });

  it('retries several failed writes as one merged update', async () => {
    const { doc, calls, persistence } = setup();
    doc.getText('t').insert(0, 'a');
    doc.getText('t').insert(1, 'b');
    calls[0]!.reject(new Error('io'));
    calls[1]!.reject(new Error('io'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(calls).toHaveLength(3);
    const replay = new Y.Doc();
    Y.applyUpdate(replay, calls[2]!.payload.update);
    expect(replay.getText('t').toString()).toBe('ab');
    calls[2]!.resolve();
    await persistence.flushed();
  });
});
