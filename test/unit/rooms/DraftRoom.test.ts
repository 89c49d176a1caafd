import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { COLLAB_LIMITS } from '../../../shared/collab/limits.js';
import { DraftRoom, type RoomListener } from '../../../server/rooms/DraftRoom.js';
import type { RoomMember } from '../../../server/rooms/RoomClient.js';
import type { RoomExtension } from '../../../server/rooms/RoomExtension.js';
import type { RoomStorage } from '../../../server/rooms/RoomStorage.js';
import { FakeClient } from '../../helpers/fakeRoomClient.js';

const quiet = { warn: () => {}, error: () => {} };
const delegate: RoomMember = { id: 'u1', name: 'Delegate', role: 'delegate', delegation: 'Denmark', delegationId: null, readOnly: false };

/** The client ids the test's delegate writes with (recorded as theirs when the room loads). */
const BASE_CLIENT = 5;
const EDITOR_CLIENT = 6;

function base(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = BASE_CLIENT;
  const clauses = doc.getMap('clauses');
  for (let i = 0; i < 4; i += 1) {
    const clause = clauses.set(`c${i}`, new Y.Map<unknown>());
    clause.set('heading', new Y.Text(`heading ${i}`));
    doc.getArray('order').push([`c${i}`]);
  }
  return Y.encodeStateAsUpdate(doc);
}

function setup(extensions: RoomExtension[] = []) {
  const stored: Uint8Array[] = [];
  const unloads: Array<Uint8Array | null> = [];
  const storage: RoomStorage = {
    load: async (_draftId, document) => {
      Y.applyUpdate(document, base());
      return { clientIdOwners: [BASE_CLIENT, EDITOR_CLIENT].map((clientId) => ({ clientId, memberId: delegate.id })) };
    },
    addClientIdOwners: async () => {},
    store: async (_draftId, update) => {
      stored.push(update);
    },
    unload: async (_draftId, snapshot) => {
      unloads.push(snapshot());
    },
  };
  const room = new DraftRoom({
    draftId: 'AAAAAAAAAAAAAAAA',
    storage,
    extensions,
    maxHeldBytes: COLLAB_LIMITS.maxHeldBytesPerDraft,
    log: quiet,
    onGone: () => {},
  });
  const connect = () => {
    const client = new FakeClient(delegate, (c) => room.leave(c));
    expect(room.join(client)).toBe(true);
    return client;
  };
  return { room, stored, unloads, connect };
}

/**
 * Seeded byte mutations of a real update until one decodes but throws when applied (about 1 in 1500),
 * either before changing anything ('clean') or after integrating part of it ('partial').
 */
function updateThatThrowsWhenApplied(kind: 'clean' | 'partial'): Uint8Array {
  const start = base();
  const editor = new Y.Doc();
  editor.clientID = EDITOR_CLIENT;
  Y.applyUpdate(editor, start);
  const updates: Uint8Array[] = [];
  editor.on('update', (u: Uint8Array) => updates.push(u));
  for (let i = 0; i < 10; i += 1) (editor.getMap('clauses').get(`c${i % 4}`) as Y.Map<Y.Text>).get('heading')!.insert(0, 'xy');
  updates.push(Y.encodeStateAsUpdate(editor, Y.encodeStateVector(new Y.Doc())));
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let attempt = 0; attempt < 100_000; attempt += 1) {
    const candidate = updates[Math.floor(rnd() * updates.length)]!.slice();
    candidate[Math.floor(rnd() * candidate.length)] = Math.floor(rnd() * 256);
    try {
      Y.decodeUpdate(candidate);
    } catch {
      continue;
    }
    const probe = new Y.Doc();
    Y.applyUpdate(probe, start);
    let changed = false;
    probe.on('update', () => (changed = true));
    try {
      Y.applyUpdate(probe, candidate);
    } catch {
      if (changed === (kind === 'partial')) return candidate;
    }
  }
  throw new Error('no candidate found');
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe('DraftRoom', () => {
  it('refuses an update that decodes but throws while applying, without storing or tainting anything', async () => {
    const { room, stored, connect } = setup();
    const conn = connect();
    await room.ready;
    const bad = updateThatThrowsWhenApplied('clean');
    room.receive(conn, bad, 'syncStep2');
    expect(conn.endedWith).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    expect(stored).toEqual([]);
    // Not tainted: the room still takes clients.
    connect();
  });

  it('refuses, before applying it, an update that would change the document and then throw, so nobody else is cut off', async () => {
    const { room, stored, connect } = setup();
    const a = connect();
    const b = connect();
    await room.ready;
    const before = Y.encodeStateVector(room.doc);
    room.receive(a, updateThatThrowsWhenApplied('partial'), 'syncStep2');
    expect(a.endedWith).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    expect(b.endedWith).toBeNull();
    expect(stored).toEqual([]);
    expect(Y.encodeStateVector(room.doc)).toEqual(before);
  });

  it('stores and snapshots normally accepted updates', async () => {
    const { room, stored, unloads, connect } = setup();
    const conn = connect();
    await room.ready;
    const editor = new Y.Doc();
    Y.applyUpdate(editor, base());
    editor.getArray('order').delete(0, 1);
    room.receive(conn, Y.encodeStateAsUpdate(editor, Y.encodeStateVector(room.doc)), 'update');
    await turn();
    expect(conn.endedWith).toBeNull();
    expect(stored).toHaveLength(1);
    room.leave(conn);
    await room.gone;
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, unloads[0]!);
    expect(reloaded.getArray('order').toArray()).toEqual(['c1', 'c2', 'c3']);
  });

  it('hands a batch of accepted changes to its listeners first, then to disk as one write, then says "saved"', async () => {
    const { room, stored, connect } = setup();
    const conn = connect();
    await room.ready;
    const heard: string[] = [];
    // What a listener's copy of the document reads after each batch.
    const doc = new Y.Doc();
    Y.applyUpdate(doc, base());
    const listener: RoomListener = {
      updates: (batch, merged) => {
        Y.applyUpdate(doc, merged);
        heard.push(`updates ${batch.length} (${(doc.getArray('order').toArray() as string[]).join(' ')}), stored ${stored.length}`);
      },
      saved: () => heard.push(`saved, stored ${stored.length}`),
    };
    room.listen(listener);
    const editor = new Y.Doc();
    editor.clientID = EDITOR_CLIENT;
    Y.applyUpdate(editor, base());
    const updates: Uint8Array[] = [];
    editor.on('update', (u: Uint8Array) => updates.push(u));
    editor.getArray('order').delete(0, 1);
    editor.getArray('order').delete(0, 1);
    // Two updates in one turn (the room has been quiet: the first goes at once, the second at the turn's end).
    for (const update of updates) room.receive(conn, update, 'update');
    await turn();
    await turn();
    expect(heard).toEqual(['updates 1 (c1 c2 c3), stored 0', 'updates 1 (c2 c3), stored 1', 'saved, stored 2']);
  });

  it('serves server code without any client: read under a lease, unloaded after, its log left uncompacted when nothing was written', async () => {
    const unloaded: boolean[] = [];
    const storage: RoomStorage = {
      load: async (_draftId, document) => {
        Y.applyUpdate(document, base());
        return { clientIdOwners: [] };
      },
      addClientIdOwners: async () => {},
      store: async () => {},
      unload: async (_draftId, _snapshot, wrote) => {
        unloaded.push(wrote);
      },
    };
    const options = { draftId: 'AAAAAAAAAAAAAAAA', storage, extensions: [], maxHeldBytes: 1 << 20, log: quiet, onGone: () => {} };
    const reading = new DraftRoom(options);
    expect(reading.acquire()).toBe(true);
    await reading.ready;
    expect(reading.doc.getArray('order').length).toBe(4);
    reading.release();
    await reading.gone;
    const changing = new DraftRoom(options);
    expect(changing.acquire()).toBe(true);
    await changing.ready;
    await changing.change((doc) => doc.getArray('order').delete(0, 1));
    changing.release();
    await changing.gone;
    expect(unloaded).toEqual([false, true]);
  });
});
