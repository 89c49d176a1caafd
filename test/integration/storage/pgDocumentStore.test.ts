import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ClientIdTakenError } from '../../../server/storage/postgres/clientIdOwnersSql.js';
import { DraftLogUnreadableError } from '../../../server/storage/postgres/draftLogSql.js';
import { PgDocumentStore } from '../../../server/storage/postgres/PgDocumentStore.js';
import { PgVersionSnapshotStore } from '../../../server/storage/postgres/PgVersionSnapshotStore.js';
import { SnapshotUnreadableError } from '../../../server/storage/VersionSnapshotStore.js';
import { freePort } from '../../helpers/freePort.js';
import { migratedPool, urlOf } from '../../helpers/migratedPool.js';
import { registerTeardown } from '../../helpers/teardown.js';
import { beforeStatement, docOf, gate, pgProcesses, typist } from './pgProcesses.js';

const newId = () => randomBytes(12).toString('base64url');
const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** The seqs left in a draft's log and the one its snapshot covers (null: none), read straight from the tables. */
async function stored(pool: pg.Pool, draftId: string): Promise<{ rows: number[]; snapshotSeq: number | null }> {
  const rows = await pool.query<{ seq: string }>('SELECT seq FROM draft_updates WHERE draft_id = $1 ORDER BY seq', [draftId]);
  const snapshot = await pool.query<{ seq: string }>('SELECT seq FROM draft_snapshots WHERE draft_id = $1', [draftId]);
  return { rows: rows.rows.map((r) => Number(r.seq)), snapshotSeq: snapshot.rows[0] ? Number(snapshot.rows[0].seq) : null };
}

describe('PgDocumentStore across processes', () => {
  it('numbers concurrent appends of two processes to one draft 1..N without gap or duplicate, and a third loads them all', async () => {
    const [a, b, c] = await pgProcesses(3);
    const draft = newId();
    const [alice, bob] = [typist(1), typist(2)];
    const appendAll = async (store: PgDocumentStore, who: ReturnType<typeof typist>, tag: string) => {
      const seqs: number[] = [];
      const updates: Uint8Array[] = [];
      for (let i = 0; i < 40; i++) {
        const update = who.type(`${tag}${i} `);
        updates.push(update);
        seqs.push(await store.appendWithSeq(draft, update));
      }
      return { seqs, updates };
    };
    const [fromA, fromB] = await Promise.all([appendAll(a!.store, alice, 'a'), appendAll(b!.store, bob, 'b')]);

    expect([...fromA.seqs, ...fromB.seqs].sort((x, y) => x - y)).toEqual(range(1, 80));
    // Each process's own appends are numbered in its call order.
    expect(fromA.seqs).toEqual([...fromA.seqs].sort((x, y) => x - y));
    expect(fromB.seqs).toEqual([...fromB.seqs].sort((x, y) => x - y));
    // Interleaved, not one after the other: both processes really wrote at the same time.
    expect(Math.min(...fromB.seqs)).toBeLessThan(Math.max(...fromA.seqs));

    const loaded = await c!.store.load(draft);
    expect(loaded).toHaveLength(80);
    expect(docOf(loaded)).toEqual(docOf([...fromA.updates, ...fromB.updates]));
    expect(docOf(loaded).state).toEqual({ 1: alice.doc.getText('t').length, 2: bob.doc.getText('t').length });
    expect(c!.store.logSize(draft)).toBe(loaded.reduce((sum, u) => sum + u.byteLength, 0));
    expect(await c!.store.headSeq(draft)).toBe(80);
    const since = await c!.store.loadSince(draft, 75);
    expect(since.map((row) => row.seq)).toEqual(range(76, 80));
  });

  it('commits the appends of many drafts in few transactions (group commit)', async () => {
    const { store } = (await pgProcesses(1))[0]!;
    const drafts = Array.from({ length: 50 }, newId);
    const editors = drafts.map((_, i) => typist(100 + i));
    // 200 appends to 50 drafts in one tick: they share the first transaction.
    const first = drafts.flatMap((draft, i) => range(1, 4).map((n) => store.appendWithSeq(draft, editors[i]!.type(`${n}`))));
    expect(await Promise.all(first)).toEqual(drafts.flatMap(() => range(1, 4)));
    expect(store.stats()).toMatchObject({ appends: 200, commits: 1, logWrites: 1, averageBatch: 200, failedCommits: 0 });

    // One lone append, then 30 more while its transaction is in flight: those 30 go together in the next one.
    const lone = store.append(drafts[0]!, editors[0]!.type('lone'));
    await new Promise((resolve) => setImmediate(resolve));
    const meanwhile = drafts.slice(1, 31).map((draft, i) => store.append(draft, editors[i + 1]!.type('more')));
    await Promise.all([lone, ...meanwhile]);
    expect(store.stats()).toMatchObject({ appends: 231, commits: 3 });

    for (const [i, draft] of drafts.entries()) {
      expect(docOf(await store.load(draft)).text).toBe(editors[i]!.doc.getText('t').toString());
    }
  });

  it('never deadlocks two processes whose batches hold the same drafts in opposite orders', async () => {
    const [a, b, c] = await pgProcesses(3);
    const drafts = Array.from({ length: 200 }, newId);
    const [alice, bob] = [typist(1), typist(2)];
    // Both transactions reach the head upsert before either sends it, so their row locks are taken at the same time.
    let arrived = 0;
    let bothThere = gate();
    const meet = async () => {
      arrived += 1;
      if (arrived === 2) bothThere.open();
      await bothThere.opened;
    };
    registerTeardown(() => bothThere.open()); // a process whose transaction never came must not keep the other waiting
    beforeStatement(a!.pool, 'INSERT INTO draft_heads', meet);
    beforeStatement(b!.pool, 'INSERT INTO draft_heads', meet);
    for (let round = 0; round < 3; round++) {
      // Each process's batch lists the drafts in its own order: the store must lock head rows in one order.
      const fromA = drafts.map((draft) => a!.store.append(draft, alice.type('a')));
      const fromB = [...drafts].reverse().map((draft) => b!.store.append(draft, bob.type('b')));
      await Promise.all([...fromA, ...fromB]);
      [arrived, bothThere] = [0, gate()];
    }
    expect(a!.store.stats()).toMatchObject({ appends: 600, commits: 3, failedCommits: 0 });
    expect(b!.store.stats()).toMatchObject({ appends: 600, commits: 3, failedCommits: 0 });
    for (const draft of drafts.slice(0, 5)) expect(await c!.store.headSeq(draft)).toBe(6);
  });

  it('lets one process compact while the other skips, and loses no update appended meanwhile', async () => {
    const [a, b, c] = await pgProcesses(3);
    const draft = newId();
    const alice = typist(1);
    for (let i = 0; i < 30; i++) await a!.store.append(draft, alice.type(`${i} `));
    const bobDoc = new Y.Doc();
    for (const update of await b!.store.load(draft)) Y.applyUpdate(bobDoc, update);

    // Process A's compaction stops inside its transaction, holding the draft's compaction lock.
    const inside = gate();
    const resume = gate();
    registerTeardown(resume.open); // a failing test must not leave A's transaction (and the stores' close) waiting
    beforeStatement(a!.pool, 'DELETE FROM draft_updates', async () => {
      inside.open();
      await resume.opened;
    });
    const compactingA = a!.store.compact(draft, Y.encodeStateAsUpdate(alice.doc));
    await inside.opened;
    // B tries meanwhile: it skips. Both append while A's compaction is open.
    await b!.store.compact(draft, Y.encodeStateAsUpdate(bobDoc));
    const compacted = alice.doc.getText('t').toString();
    let lateASaved = false;
    const lateA = a!.store.appendWithSeq(draft, alice.type('late-a ')).then((seq) => {
      lateASaved = true;
      return seq;
    });
    expect(await b!.store.appendWithSeq(draft, typist(2).type('late-b '))).toBe(31);
    // A's own append made after its compact() waits for it (call order), however long it takes.
    expect(lateASaved).toBe(false);
    resume.open();
    await compactingA;
    expect(await lateA).toBe(32);

    expect(a!.store.stats()).toMatchObject({ compactions: 1, compactionsSkipped: 0 });
    expect(b!.store.stats()).toMatchObject({ compactions: 0, compactionsSkipped: 1 });
    // The snapshot covers exactly the 30 updates A's state held; the late ones stay in the log.
    expect(await stored(c!.pool, draft)).toEqual({ rows: [31, 32], snapshotSeq: 30 });
    const loaded = await c!.store.load(draft);
    expect(loaded).toHaveLength(3);
    const { text } = docOf(loaded);
    expect(text.startsWith(compacted)).toBe(true);
    expect(text).toContain('late-a');
    expect(text).toContain('late-b');
  });

  it('does not let a compaction cover updates of another process it has not seen, nor lower a snapshot', async () => {
    const [a, b, c] = await pgProcesses(3);
    const draft = newId();
    const alice = typist(1);
    for (let i = 0; i < 10; i++) await a!.store.append(draft, alice.type(`${i} `));
    const bob = typist(2);
    for (const update of await b!.store.load(draft)) Y.applyUpdate(bob.doc, update);
    // A appends 11..15, which B never reads; then B appends 16 of its own.
    for (let i = 10; i < 15; i++) await a!.store.append(draft, alice.type(`${i} `));
    expect(await b!.store.appendWithSeq(draft, bob.type('bob '))).toBe(16);

    await b!.store.compact(draft, Y.encodeStateAsUpdate(bob.doc));
    // B's state holds 1..10 and 16: the snapshot may only claim 1..10.
    expect(await stored(c!.pool, draft)).toEqual({ rows: range(11, 16), snapshotSeq: 10 });
    expect(b!.store.logSize(draft)).toBeGreaterThan(0);
    const everything = docOf([Y.encodeStateAsUpdate(alice.doc), Y.encodeStateAsUpdate(bob.doc)]);
    expect(docOf(await c!.store.load(draft))).toEqual(everything);

    // A knows 1..15 (it wrote them), so its compaction covers 15; B cannot take that back to 10.
    await a!.store.compact(draft, Y.encodeStateAsUpdate(alice.doc));
    expect(await stored(c!.pool, draft)).toEqual({ rows: [16], snapshotSeq: 15 });
    await b!.store.compact(draft, Y.encodeStateAsUpdate(bob.doc), 12);
    expect(await stored(c!.pool, draft)).toEqual({ rows: [16], snapshotSeq: 15 });
    // A snapshot past the head would hide later appends: refused.
    await expect(b!.store.compact(draft, Y.encodeStateAsUpdate(bob.doc), 17)).rejects.toThrow(/cannot cover update 17/);
    expect(docOf(await c!.store.load(draft))).toEqual(everything);
    // A reader that has 1..12 gets the snapshot (it covers more) and what follows it.
    expect((await c!.store.loadSince(draft, 12)).map((row) => row.seq)).toEqual([15, 16]);
  });

  it('refuses a log with a missing update instead of loading less', async () => {
    const { store, pool } = (await pgProcesses(1))[0]!;
    const [middle, tail] = [newId(), newId()];
    const alice = typist(1);
    for (let i = 0; i < 5; i++) await store.append(middle, alice.type(`${i}`));
    for (let i = 0; i < 5; i++) await store.append(tail, alice.type(`${i}`));
    await pool.query('DELETE FROM draft_updates WHERE (draft_id = $1 AND seq = 3) OR (draft_id = $2 AND seq = 5)', [middle, tail]);
    await expect(store.load(middle)).rejects.toThrow(DraftLogUnreadableError);
    await expect(store.load(middle)).rejects.toThrow(/update 3 is missing/);
    await expect(store.load(tail)).rejects.toThrow(/updates 5 to 5 are missing/);
  });

  it('keeps the first owner of a client id: another member claiming it is refused, and nothing of that claim is recorded', async () => {
    const [a, b] = await pgProcesses(2);
    const draft = newId();
    await a!.store.addClientIdOwners(draft, [{ clientId: 7, memberId: 'member-one' }]);
    await a!.store.addClientIdOwners(draft, [{ clientId: 7, memberId: 'member-one' }]);
    await expect(
      b!.store.addClientIdOwners(draft, [
        { clientId: 8, memberId: 'member-two' },
        { clientId: 7, memberId: 'member-two' },
      ]),
    ).rejects.toThrow(ClientIdTakenError);
    expect(await b!.store.loadClientIdOwners(draft)).toEqual([{ clientId: 7, memberId: 'member-one' }]);
  });
});

describe('PgDocumentStore when the database fails', () => {
  it('rejects appends, reports nothing saved, while the database cannot be reached', async () => {
    const pool = new pg.Pool({
      connectionString: `postgres://postgres@127.0.0.1:${await freePort()}/nowhere`,
      connectionTimeoutMillis: 2000,
    });
    pool.on('error', () => undefined);
    registerTeardown(() => pool.end());
    const store = new PgDocumentStore(pool);
    const draft = newId();
    const alice = typist(1);
    const results = await Promise.allSettled([store.append(draft, alice.type('a')), store.appendWithSeq(draft, alice.type('b'))]);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    expect(store.stats()).toMatchObject({ appends: 0, commits: 0, failedCommits: 1 });
    expect(store.logSize(draft)).toBe(0);
    await expect(store.load(draft)).rejects.toThrow();
    await store.close();
  });

  it('rejects every append of a transaction whose connection is killed mid-way, saves none, and leaves no gap', async () => {
    const [a, b] = await pgProcesses(2);
    const drafts = [newId(), newId(), newId()];
    const alice = typist(1);
    const admin = new pg.Client({ connectionString: urlOf(a!.pool) });
    await admin.connect();
    registerTeardown(() => admin.end());
    let kills = 1;
    beforeStatement(a!.pool, 'INSERT INTO draft_updates', async (client) => {
      if (kills-- <= 0) return;
      // The transaction has reserved seqs (heads updated); its backend dies before the rows go in.
      const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      await admin.query('SELECT pg_terminate_backend($1)', [rows[0]!.pid]);
    });

    const results = await Promise.allSettled(
      drafts.flatMap((draft) => [a!.store.append(draft, alice.type('x')), a!.store.append(draft, alice.type('y'))]),
    );
    expect(results.every((r) => r.status === 'rejected')).toBe(true);
    expect(a!.store.stats()).toMatchObject({ appends: 0, commits: 0, failedCommits: 1 });
    for (const draft of drafts) {
      expect(await b!.store.load(draft)).toEqual([]);
      expect(await b!.store.headSeq(draft)).toBe(0);
      expect(a!.store.logSize(draft)).toBe(0);
    }
    // The caller retries on a fresh connection: the numbering starts at 1, as if the failure never happened.
    expect(await a!.store.appendWithSeq(drafts[0]!, alice.type('again'))).toBe(1);
    expect(await b!.store.load(drafts[0]!)).toHaveLength(1);
  });
});

describe('PgVersionSnapshotStore', () => {
  it('reads back what it wrote, and refuses a changed, a missing or a deleted snapshot', async () => {
    const pool = await migratedPool();
    const snapshots = new PgVersionSnapshotStore(pool);
    const [draft, version, other] = [newId(), newId(), newId()];
    const bytes = Y.encodeStateAsUpdate(typist(1).doc);
    const editor = typist(2);
    editor.type('version one');
    const state = Y.encodeStateAsUpdate(editor.doc);
    const sha = await snapshots.write(draft, version, state);
    expect(sha).toMatch(/^[0-9a-f]{64}$/);
    expect(Buffer.from(await snapshots.read(draft, version, sha))).toEqual(Buffer.from(state));
    await expect(
      snapshots.read(
        draft,
        version,
        sha.replace(/^./, (c) => (c === '0' ? '1' : '0')),
      ),
    ).rejects.toThrow(SnapshotUnreadableError);

    await pool.query(`UPDATE version_snapshots SET data = set_byte(data, 0, get_byte(data, 0) # 1) WHERE version_id = $1`, [version]);
    await expect(snapshots.read(draft, version, sha)).rejects.toThrow(/checksum does not match/);

    await expect(snapshots.read(draft, other, sha)).rejects.toThrow(SnapshotUnreadableError);
    await snapshots.write(draft, other, bytes);
    await snapshots.delete(draft, other);
    await snapshots.delete(draft, other);
    await expect(snapshots.read(draft, other, sha)).rejects.toThrow(/missing/);
    await expect(snapshots.write('../x', version, bytes)).rejects.toThrow(/invalid/);
  });
});
