import type pg from 'pg';
import * as Y from 'yjs';
import { PgDocumentStore } from '../../../server/storage/postgres/PgDocumentStore.js';
import { migratedPool, poolOn, urlOf } from '../../helpers/migratedPool.js';
import { registerTeardown } from '../../helpers/teardown.js';

/** One simulated server process: its own pool on the shared database, and its store. */
export interface PgProcess {
  pool: pg.Pool;
  store: PgDocumentStore;
}

/** `count` processes sharing one new, migrated database; stores close before their pools end. */
export async function pgProcesses(count: number): Promise<PgProcess[]> {
  const first = await migratedPool();
  const pools = [first, ...Array.from({ length: count - 1 }, () => poolOn(urlOf(first)))];
  return pools.map((pool) => {
    const store = new PgDocumentStore(pool);
    registerTeardown(() => store.close());
    return { pool, store };
  });
}

/**
 * Runs `before(sql)` ahead of every statement the pool's connections send from now on whose text
 * contains `match`, so a test can pause a transaction at a chosen point (holding its locks) or break it.
 */
export function beforeStatement(pool: pg.Pool, match: string, before: (client: pg.PoolClient) => Promise<void>): void {
  const connect = pool.connect.bind(pool) as () => Promise<pg.PoolClient>;
  const hooked = new WeakSet<pg.PoolClient>();
  pool.connect = (async () => {
    const client = await connect();
    if (!hooked.has(client)) {
      hooked.add(client);
      const query = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
      client.query = (async (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].includes(match)) await before(client);
        return query(...args);
      }) as typeof client.query;
    }
    return client;
  }) as typeof pool.connect;
}

/** A promise with its resolve at hand. */
export function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { opened, open };
}

/** A Yjs document editing text `t`, with each edit's update. */
export function typist(clientId: number): { doc: Y.Doc; type(text: string): Uint8Array } {
  const doc = new Y.Doc();
  doc.clientID = clientId;
  let last: Uint8Array | null = null;
  doc.on('update', (update: Uint8Array) => (last = update));
  return {
    doc,
    type(text) {
      last = null;
      const t = doc.getText('t');
      t.insert(t.length, text);
      if (!last) throw new Error('the edit produced no update');
      return last;
    },
  };
}

/** The document that `updates` make, as text plus state vector: equal when both hold the same edits. */
export function docOf(updates: readonly Uint8Array[]): { text: string; state: Record<number, number> } {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const state = Object.fromEntries(Y.decodeStateVector(Y.encodeStateVector(doc)));
  const text = doc.getText('t').toString();
  doc.destroy();
  return { text, state };
}
