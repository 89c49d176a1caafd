import type pg from 'pg';
import { insertUpdates } from './draftLogSql.js';
import { withTransaction } from './withTransaction.js';

/** An append waiting for its transaction, with what to do once it has committed (its seq) or failed. */
export interface QueuedAppend {
  draftId: string;
  /** The store's own copy: the caller may reuse its buffer. */
  update: Buffer;
  committed(seq: number): void;
  failed(error: unknown): void;
}

/** What the group commit has done so far. */
export interface GroupCommitCounters {
  /** Transactions that committed appends. */
  commits: number;
  /** Transactions that failed (all their appends rejected). */
  failedCommits: number;
  /** Appends committed. */
  appends: number;
  /** Update bytes committed. */
  bytesWritten: number;
}

/**
 * Group commit across every draft of the process: appends queue up, and one transaction inserts all that
 * are queued, whatever their draft. One transaction is in flight at a time; appends arriving meanwhile
 * wait together for the next one, so a busy server pays one commit (one WAL flush) per round trip, not
 * one per keystroke. Each append learns its fate only after COMMIT (or its failure): a failed transaction
 * rejects every append in it and saved none of them.
 */
export class GroupCommit {
  private queued: QueuedAppend[] = [];
  private running: Promise<void> | null = null;
  readonly counters: GroupCommitCounters = { commits: 0, failedCommits: 0, appends: 0, bytesWritten: 0 };

  constructor(private readonly pool: pg.Pool) {}

  /** Appends waiting for a transaction, not counting those in flight. */
  get waiting(): number {
    return this.queued.length;
  }

  add(append: QueuedAppend): void {
    this.queued.push(append);
    this.running ??= this.drain();
  }

  /** Resolves once everything added so far has committed or failed. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    // Appends made in the same tick as the first one share its transaction.
    await Promise.resolve();
    while (this.queued.length > 0) {
      const batch = this.queued;
      this.queued = [];
      await this.commit(batch);
    }
    this.running = null;
  }

  private async commit(batch: QueuedAppend[]): Promise<void> {
    let seqs: number[];
    try {
      seqs = await withTransaction(this.pool, (client) => insertUpdates(client, batch));
    } catch (error) {
      this.counters.failedCommits += 1;
      for (const append of batch) append.failed(error);
      return;
    }
    this.counters.commits += 1;
    this.counters.appends += batch.length;
    batch.forEach((append, i) => {
      this.counters.bytesWritten += append.update.byteLength;
      append.committed(seqs[i]!);
    });
  }
}
