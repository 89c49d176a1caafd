import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { COLLAB_LIMITS } from '../../shared/collab/limits.js';
import type { CollabHooks, CollabUser } from './CollabHooks.js';
import { DocumentRoom } from './DocumentRoom.js';
import type { RoomApi, RoomConnection } from './RoomConnection.js';

const quiet = { warn: () => {}, error: () => {} };
const delegate: CollabUser = { id: 'u1', name: 'Delegate', role: 'delegate', delegation: 'Denmark', delegationId: null, readOnly: false };

class FakeConnection implements RoomConnection {
  readonly clientIds = new Set<number>();
  readonly sync = { declared: new Map<number, number>(), answered: true };
  savedSubscribed = false;
  closedWith: number | null = null;
  room: RoomApi | null = null;
  constructor(
    readonly user: CollabUser,
    private readonly leave: (conn: FakeConnection) => void,
  ) {}
  send(): void {}
  close(code: number): void {
    this.closedWith = code;
    this.leave(this);
  }
  attach(room: RoomApi): void {
    this.room = room;
  }
}

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

function setup() {
  const stored: Uint8Array[] = [];
  const unloads: Array<Uint8Array | null> = [];
  const hooks: CollabHooks = {
    authenticate: () => delegate,
    load: async ({ document }) => {
      Y.applyUpdate(document, base());
      return { clientIdOwners: [BASE_CLIENT, EDITOR_CLIENT].map((clientId) => ({ clientId, memberId: delegate.id })) };
    },
    addClientIdOwners: async () => {},
    store: async ({ update }) => {
      stored.push(update);
    },
    unload: async ({ snapshot }) => {
      unloads.push(snapshot());
    },
  };
  const room = new DocumentRoom({ draftId: 'AAAAAAAAAAAAAAAA', hooks, limits: { ...COLLAB_LIMITS }, log: quiet, onGone: () => {} });
  const connect = () => {
    const conn = new FakeConnection(delegate, (c) => room.leave(c));
    room.join(conn);
    return conn;
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
  const rnd = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
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

const loaded = () => new Promise((resolve) => setImmediate(resolve));

describe('DocumentRoom', () => {
  it('refuses an update that decodes but throws while applying, without storing or tainting anything', async () => {
    const { room, stored, connect } = setup();
    const conn = connect();
    await loaded();
    const bad = updateThatThrowsWhenApplied('clean');
    room.applyUpdate(conn, bad, 'syncStep2');
    expect(conn.closedWith).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    expect(stored).toEqual([]);
    const other = connect();
    expect(other.room).toBe(room);
  });

  it('refuses, before applying it, an update that would change the document and then throw, so nobody else is cut off', async () => {
    const { room, stored, connect } = setup();
    const a = connect();
    const b = connect();
    await loaded();
    const before = Y.encodeStateVector(room.doc);
    room.applyUpdate(a, updateThatThrowsWhenApplied('partial'), 'syncStep2');
    expect(a.closedWith).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    expect(b.closedWith).toBeNull();
    expect(stored).toEqual([]);
    expect(Y.encodeStateVector(room.doc)).toEqual(before);
  });

  it('stores and snapshots normally accepted updates', async () => {
    const { room, stored, unloads, connect } = setup();
    const conn = connect();
    await loaded();
    const editor = new Y.Doc();
    Y.applyUpdate(editor, base());
    editor.getArray('order').delete(0, 1);
    room.applyUpdate(conn, Y.encodeStateAsUpdate(editor, Y.encodeStateVector(room.doc)), 'update');
    await loaded();
    expect(conn.closedWith).toBeNull();
    expect(stored).toHaveLength(1);
    conn.close(CLOSE_CODE.SHUTTING_DOWN);
    await room.gone;
    const reloaded = new Y.Doc();
    Y.applyUpdate(reloaded, unloads[0]!);
    expect(reloaded.getArray('order').toArray()).toEqual(['c1', 'c2', 'c3']);
  });
});
