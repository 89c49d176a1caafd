import type pg from 'pg';
import { isId } from '../../../shared/ids.js';
import type { ClientIdOwner, DocumentStore } from '../DocumentStore.js';
import { StoreClosedError } from '../StoreClosedError.js';
import type { StoreCounters } from '../StoreCounters.js';
import { addOwners, loadOwners } from './clientIdOwnersSql.js';
import { compactLog, insertFirstUpdate, readHead, readLog, type SeqUpdate } from './draftLogSql.js';
import { withTransaction } from './withTransaction.js';
import { DraftState } from './DraftState.js';
import { GroupCommit, type QueuedAppend } from './GroupCommit.js';

/** The store's work so far, for the server's `[stats]` line and the benchmarks (same core fields as FileDocumentStore's). */
export interface PgDocumentStoreStats extends StoreCounters {
  /** Transactions that committed appends (`logWrites` too, as the benchmarks call it). */
  commits: number;
  /** Append transactions that failed, every append in them rejected. */
  failedCommits: number;
  /** Appends per committed transaction: how well group commit batches. */
  averageBatch: number;
  /** Compactions that ran, and those skipped because another process held the draft's compaction lock. */
  compactions: number;
  compactionsSkipped: number;
  /** Transactions recording client id owners. */
  ownerWrites: number;
  /** Appends waiting for the next transaction (not counting the one in flight). */
  queuedAppends: number;
  openDrafts: number;
}

/**
 * Yjs documents in PostgreSQL (schema/documents.ts): per draft, an append-only log of updates numbered
 * 1, 2, 3 ... without gaps, plus the last compacted snapshot and the client id owners. Several
 * processes may share one database: seqs are handed out under the draft's head row, compaction is one
 * process's at a time (an advisory lock; the others skip), and the seq-aware calls (`appendWithSeq`,
 * `loadSince`, `headSeq`) are what a process needs to catch up with the others' updates.
 *
 * Appends of every draft go through one group commit (GroupCommit): resolved after COMMIT, all
 * rejected when their transaction fails. The pool is the caller's: it is never ended here, and its
 * owner should listen to its 'error' event (an idle connection dropped by the server emits one).
 */
export class PgDocumentStore implements DocumentStore {
  private readonly drafts = new Map<string, DraftState>();
  private readonly commits: GroupCommit;
  private readonly counters = { compactions: 0, compactionsSkipped: 0, ownerWrites: 0 };
  private closed = false;

  constructor(private readonly pool: pg.Pool) {
    this.commits = new GroupCommit(pool);
  }

  load(draftId: string): Promise<Uint8Array[]> {
    return this.inOrder(draftId, async (draft) => {
      const log = await readLog(this.pool, draftId, -1);
      draft.read(-1, log);
      return [...(log.snapshot ? [log.snapshot.update] : []), ...log.updates.map((row) => row.update)];
    });
  }

  /**
   * What a reader holding every update up to `afterSeq` lacks, in order: the snapshot first when the
   * rows it replaced reach past `afterSeq` (its seq is the last update it covers), then every update
   * after. Rejects, like `load`, when rows are missing.
   */
  loadSince(draftId: string, afterSeq: number): Promise<SeqUpdate[]> {
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) return Promise.reject(new RangeError(`Not a sequence number: ${afterSeq}`));
    return this.inOrder(draftId, async (draft) => {
      const log = await readLog(this.pool, draftId, afterSeq);
      draft.read(afterSeq, log);
      return log.snapshot ? [log.snapshot, ...log.updates] : log.updates;
    });
  }

  /**
   * loadSince for a reader that keeps its own account of what it holds (DraftSync catching a live draft up):
   * reads the log without opening the draft in this store, so a read racing the draft's release leaves
   * nothing behind.
   */
  readSince(draftId: string, afterSeq: number): Promise<SeqUpdate[]> {
    if (!Number.isSafeInteger(afterSeq) || afterSeq < 0) return Promise.reject(new RangeError(`Not a sequence number: ${afterSeq}`));
    return this.checked(draftId, async () => {
      const log = await readLog(this.pool, draftId, afterSeq);
      return log.snapshot ? [log.snapshot, ...log.updates] : log.updates;
    });
  }

  /** The last seq handed out for the draft by any process (0 for a new draft), as committed now. */
  headSeq(draftId: string): Promise<number> {
    return this.checked(draftId, () => readHead(this.pool, draftId));
  }

  async append(draftId: string, update: Uint8Array): Promise<void> {
    await this.appendWithSeq(draftId, update);
  }

  /**
   * Stores a new draft's seed as its first update, unless another process has already started the draft's
   * log (then nothing is written: false, and the caller loads what is there). Resolves once committed.
   */
  appendFirst(draftId: string, update: Uint8Array): Promise<boolean> {
    return this.inOrder(draftId, async (draft) => {
      const stored = await withTransaction(this.pool, (client) => insertFirstUpdate(client, draftId, update));
      if (stored) draft.committed(1, update.byteLength);
      return stored;
    });
  }

  /** Appends one update; resolves with the seq it got, once its transaction has committed. */
  appendWithSeq(draftId: string, update: Uint8Array): Promise<number> {
    return this.checked(draftId, () => {
      const draft = this.draft(draftId);
      const saved = new Promise<number>((resolve, reject) => {
        const queued: QueuedAppend = {
          draftId,
          update: Buffer.from(update),
          committed: (seq) => {
            draft.committed(seq, queued.update.byteLength);
            resolve(seq);
          },
          failed: reject,
        };
        if (draft.held) draft.held.push(queued);
        else this.commits.add(queued);
      });
      draft.pendingAppends += 1;
      const settled = saved.then(
        () => undefined,
        () => undefined,
      );
      draft.lastAppend = Promise.all([draft.lastAppend, settled]).finally(() => {
        draft.pendingAppends -= 1;
      });
      return saved;
    });
  }

  /**
   * Writes `state` as the draft's snapshot and drops the log rows it covers. It covers `coversSeq` when
   * given (the caller knows exactly what its state holds), otherwise every update this store committed
   * or read for the draft before this call, without a gap (see DraftState.knownThrough). Appends made
   * after this call wait for it, then land in the log. Resolves without writing when another process is
   * compacting the draft, and never replaces a snapshot covering more.
   */
  compact(draftId: string, state: Uint8Array, coversSeq?: number): Promise<void> {
    if (coversSeq !== undefined && (!Number.isSafeInteger(coversSeq) || coversSeq < 0)) {
      return Promise.reject(new RangeError(`Not a sequence number: ${coversSeq}`));
    }
    const data = Buffer.from(state);
    return this.checked(draftId, () => {
      const draft = this.draft(draftId);
      const held: QueuedAppend[] = [];
      draft.held = held;
      return this.inOrder(draftId, async () => {
        try {
          const outcome = await compactLog(this.pool, draftId, coversSeq ?? draft.knownThrough, data);
          if (outcome.skipped) {
            this.counters.compactionsSkipped += 1;
            return;
          }
          this.counters.compactions += 1;
          draft.compacted(outcome.snapshotSeq);
        } finally {
          // Appends made meanwhile join the group commit now, in their call order, after any held by an earlier compaction.
          if (draft.held === held) draft.held = null;
          for (const append of held) this.commits.add(append);
        }
      });
    });
  }

  logSize(draftId: string): number {
    return this.drafts.get(draftId)?.logBytes ?? 0;
  }

  async release(draftId: string): Promise<void> {
    const draft = this.drafts.get(draftId);
    if (!draft) return;
    const prior = draft.lastAppend;
    await Promise.all([draft.queue.run(() => prior), draft.ownersQueue.run(async () => undefined)]);
    // Calls made while the release waited keep the draft open; the last release forgets it.
    if (draft.idle && this.drafts.get(draftId) === draft) this.drafts.delete(draftId);
  }

  loadClientIdOwners(draftId: string): Promise<ClientIdOwner[]> {
    return this.checked(draftId, () => this.draft(draftId).ownersQueue.run(() => loadOwners(this.pool, draftId)));
  }

  addClientIdOwners(draftId: string, owners: readonly ClientIdOwner[]): Promise<void> {
    const copy = owners.map(({ clientId, memberId }) => ({ clientId, memberId }));
    return this.checked(draftId, () =>
      this.draft(draftId).ownersQueue.run(async () => {
        await addOwners(this.pool, draftId, copy);
        this.counters.ownerWrites += 1;
      }),
    );
  }

  /** Waits for every queued append, compaction and owner write; later calls reject with StoreClosedError. */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.drafts.keys()].map((id) => this.release(id)));
    await this.commits.idle();
  }

  stats(): PgDocumentStoreStats {
    const { commits, failedCommits, appends, bytesWritten } = this.commits.counters;
    return {
      appends,
      commits,
      logWrites: commits,
      failedCommits,
      averageBatch: commits === 0 ? 0 : Math.round((appends / commits) * 100) / 100,
      // Every COMMIT is one WAL flush on the server: the closest thing to the file store's fsyncs.
      fsyncs: commits + this.counters.compactions + this.counters.ownerWrites,
      bytesWritten,
      ...this.counters,
      queuedAppends: this.commits.waiting,
      openDrafts: this.drafts.size,
    };
  }

  /** Runs `operation` in the draft's call order: after earlier queued calls and the appends made before this one. */
  private inOrder<T>(draftId: string, operation: (draft: DraftState) => Promise<T>): Promise<T> {
    return this.checked(draftId, () => {
      const draft = this.draft(draftId);
      const prior = draft.lastAppend;
      return draft.queue.run(async () => {
        await prior;
        return operation(draft);
      });
    });
  }

  /** Rejects calls after close() and ids that did not pass the strict pattern (parseDraftId should have stopped them). */
  private checked<T>(draftId: string, operation: () => Promise<T>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    if (!isId(draftId)) return Promise.reject(new Error(`Refusing an invalid draft id: ${JSON.stringify(draftId)}`));
    return operation();
  }

  private draft(draftId: string): DraftState {
    let draft = this.drafts.get(draftId);
    if (!draft) {
      draft = new DraftState();
      this.drafts.set(draftId, draft);
    }
    return draft;
  }
}
