import { createHash } from 'node:crypto';
import type pg from 'pg';
import { withTransaction } from './withTransaction.js';

/** One update to insert: the draft it belongs to and its bytes. */
export interface NewUpdate {
  draftId: string;
  update: Uint8Array;
}

/** A row of a draft's log, or its snapshot (whose seq is the last update it covers). */
export interface SeqUpdate {
  seq: number;
  update: Uint8Array;
}

/** A draft's stored state read at one instant: snapshot, the updates after what the reader asked for, and the head. */
export interface LogRead {
  snapshot: SeqUpdate | null;
  /** The seq the stored snapshot covers, returned or not (0 when there is none). */
  snapshotSeq: number;
  updates: SeqUpdate[];
  /** The last seq handed out for the draft (0 when none was). */
  head: number;
}

/** Thrown when a draft's stored rows do not add up (a gap, a missing row, an empty or odd value): never serve less. */
export class DraftLogUnreadableError extends Error {
  constructor(draftId: string, reason: string) {
    super(`The stored document of draft ${draftId} cannot be read in full: ${reason}; the draft is not loaded.`);
    this.name = 'DraftLogUnreadableError';
  }
}

/** Raises the heads of every draft in the batch, sorted, so two processes lock shared heads in the same order (no deadlock). */
const RESERVE_SEQS = `
  INSERT INTO draft_heads AS h (draft_id, head_seq)
  SELECT draft_id, n FROM unnest($1::text[], $2::bigint[]) AS b(draft_id, n) ORDER BY draft_id COLLATE "C"
  ON CONFLICT (draft_id) DO UPDATE SET head_seq = h.head_seq + EXCLUDED.head_seq
  RETURNING draft_id, head_seq`;

const INSERT_UPDATES = `
  INSERT INTO draft_updates (draft_id, seq, data)
  SELECT * FROM unnest($1::text[], $2::bigint[], $3::bytea[])`;

/**
 * Inserts a batch of updates (any drafts, in order) and returns the seq each got. Must run inside a
 * transaction: the head rows stay locked until it ends, so the next writer of a draft numbers after this
 * batch, and a rollback gives the numbers back.
 */
export async function insertUpdates(client: pg.ClientBase, batch: readonly NewUpdate[]): Promise<number[]> {
  const counts = new Map<string, number>();
  for (const { draftId } of batch) counts.set(draftId, (counts.get(draftId) ?? 0) + 1);
  const { rows } = await client.query<{ draft_id: string; head_seq: string }>(RESERVE_SEQS, [[...counts.keys()], [...counts.values()]]);
  const next = new Map<string, number>();
  for (const row of rows) next.set(row.draft_id, toSeq(row.head_seq, row.draft_id) - counts.get(row.draft_id)! + 1);
  const seqs = batch.map(({ draftId }) => {
    const seq = next.get(draftId);
    if (seq === undefined) throw new Error(`No sequence number was reserved for draft ${draftId}.`);
    next.set(draftId, seq + 1);
    return seq;
  });
  await client.query(INSERT_UPDATES, [batch.map((u) => u.draftId), seqs, batch.map((u) => u.update)]);
  return seqs;
}

/**
 * Stores a new draft's first update (its seed) as seq 1, unless the draft already has a log: then nothing
 * is written and it returns false. Two processes seeding one new draft at once: exactly one seed lands.
 */
export async function insertFirstUpdate(client: pg.ClientBase, draftId: string, update: Uint8Array): Promise<boolean> {
  const { rowCount } = await client.query('INSERT INTO draft_heads (draft_id, head_seq) VALUES ($1, 1) ON CONFLICT (draft_id) DO NOTHING', [
    draftId,
  ]);
  if (rowCount !== 1) return false;
  await client.query('INSERT INTO draft_updates (draft_id, seq, data) VALUES ($1, 1, $2)', [draftId, Buffer.from(update)]);
  return true;
}

/** Head, snapshot and the log after max(snapshot, $2), in one statement: one consistent view, even mid-compaction elsewhere. */
const READ_LOG = `
  WITH snapshot AS (SELECT seq, data FROM draft_snapshots WHERE draft_id = $1)
  SELECT 'head' AS kind, head_seq AS seq, NULL::bytea AS data FROM draft_heads WHERE draft_id = $1
  UNION ALL
  SELECT 'snapshot', seq, CASE WHEN seq > $2 THEN data END FROM snapshot
  UNION ALL
  SELECT 'update', seq, data FROM draft_updates
   WHERE draft_id = $1 AND seq > GREATEST($2, COALESCE((SELECT seq FROM snapshot), 0))
  ORDER BY seq`;

/**
 * Reads what a reader that already has every update up to `afterSeq` needs (-1: everything): the snapshot
 * when it covers more than that, then each update after both, up to the head. Rejects with
 * DraftLogUnreadableError unless the updates run without a gap up to the head.
 */
export async function readLog(pool: pg.Pool, draftId: string, afterSeq: number): Promise<LogRead> {
  const { rows } = await pool.query<{ kind: 'head' | 'snapshot' | 'update'; seq: string; data: Buffer | null }>(READ_LOG, [
    draftId,
    afterSeq,
  ]);
  let head = 0;
  let snapshotSeq = 0;
  let snapshot: SeqUpdate | null = null;
  const updates: SeqUpdate[] = [];
  for (const row of rows) {
    const seq = toSeq(row.seq, draftId);
    if (row.kind === 'head') head = seq;
    else if (row.kind === 'snapshot') {
      snapshotSeq = seq;
      if (seq > afterSeq) snapshot = { seq, update: bytesOf(row.data, draftId, `its snapshot`) };
    } else updates.push({ seq, update: bytesOf(row.data, draftId, `update ${seq}`) });
  }
  if (snapshotSeq > head)
    throw new DraftLogUnreadableError(draftId, `its snapshot covers update ${snapshotSeq}, past the last one (${head})`);
  const from = Math.max(afterSeq, snapshotSeq, 0);
  updates.forEach(({ seq }, i) => {
    if (seq !== from + 1 + i) throw new DraftLogUnreadableError(draftId, `update ${from + 1 + i} is missing`);
  });
  const last = from + updates.length;
  if (last < head) throw new DraftLogUnreadableError(draftId, `updates ${last + 1} to ${head} are missing`);
  return { snapshot, snapshotSeq, updates, head };
}

/** The last seq handed out for a draft (0 when none was). */
export async function readHead(pool: pg.Pool, draftId: string): Promise<number> {
  const { rows } = await pool.query<{ head_seq: string }>('SELECT head_seq FROM draft_heads WHERE draft_id = $1', [draftId]);
  return rows[0] ? toSeq(rows[0].head_seq, draftId) : 0;
}

/** First key of the two-part advisory locks of compaction (the single-key space holds the migration lock). */
export const COMPACTION_LOCK_CLASS = 720_517_002;

/** The second key: a stable 32-bit hash of the draft id. Two drafts sharing one only means one may skip a compaction. */
export function compactionLockKey(draftId: string): number {
  return createHash('sha256').update(draftId).digest().readInt32BE(0);
}

/** What a compaction did: skipped (another process holds the draft's compaction lock) or the seq the stored snapshot now covers. */
export type CompactionOutcome = { skipped: true } | { skipped: false; snapshotSeq: number; wrote: boolean };

/**
 * Replaces the log up to `coversSeq` by `state`, in one transaction holding the draft's compaction lock
 * (try-lock: if another process is compacting the draft, this one skips). A stored snapshot that
 * already covers more is kept (never lowered); either way, rows the stored snapshot covers are deleted.
 * Refuses a `coversSeq` past the head: such a snapshot would hide updates appended later.
 */
export async function compactLog(pool: pg.Pool, draftId: string, coversSeq: number, state: Uint8Array): Promise<CompactionOutcome> {
  return withTransaction(pool, async (client) => {
    const lock = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_xact_lock($1, $2) AS locked', [
      COMPACTION_LOCK_CLASS,
      compactionLockKey(draftId),
    ]);
    if (!lock.rows[0]?.locked) return { skipped: true };
    const head = await client.query<{ head_seq: string }>('SELECT head_seq FROM draft_heads WHERE draft_id = $1', [draftId]);
    const headSeq = head.rows[0] ? toSeq(head.rows[0].head_seq, draftId) : 0;
    if (coversSeq > headSeq)
      throw new RangeError(`A snapshot of draft ${draftId} cannot cover update ${coversSeq}: the last is ${headSeq}.`);
    const written = await client.query(
      `INSERT INTO draft_snapshots AS s (draft_id, seq, data) VALUES ($1, $2, $3)
       ON CONFLICT (draft_id) DO UPDATE SET seq = EXCLUDED.seq, data = EXCLUDED.data WHERE s.seq <= EXCLUDED.seq`,
      [draftId, coversSeq, state],
    );
    const stored = await client.query<{ seq: string }>('SELECT seq FROM draft_snapshots WHERE draft_id = $1', [draftId]);
    const snapshotSeq = toSeq(stored.rows[0]!.seq, draftId);
    await client.query('DELETE FROM draft_updates WHERE draft_id = $1 AND seq <= $2', [draftId, snapshotSeq]);
    return { skipped: false, snapshotSeq, wrote: written.rowCount === 1 };
  });
}

/** A bigint column as a number; seqs stay far below 2^53, anything else means the row is not ours. */
export function toSeq(value: string, draftId: string): number {
  const seq = Number(value);
  if (!Number.isSafeInteger(seq) || seq < 0) throw new DraftLogUnreadableError(draftId, `sequence number ${value} is out of range`);
  return seq;
}

function bytesOf(data: Buffer | null, draftId: string, what: string): Uint8Array {
  // No Yjs update is empty (the empty one is two bytes): an empty value was not written by this store.
  if (!data || data.byteLength === 0) throw new DraftLogUnreadableError(draftId, `${what} is empty`);
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
