import * as Y from 'yjs';
import type { DeleteSet } from '../../shared/collab/savedProtocol.js';
import type { Log } from '../log.js';

/** One accepted update on its way to disk. */
interface PendingWrite {
  update: Uint8Array;
  /** The document's state vector right after this update: what is durable once it and all before it are. */
  stateVector: Map<number, number>;
  deletions: DeleteSet;
  status: 'writing' | 'failed' | 'done';
}

export interface DocumentPersistenceOptions {
  draftId: string;
  document: Y.Doc;
  /** Makes one update durable (RoomStorage.store); resolves once it is on disk. */
  store: (update: Uint8Array) => Promise<void>;
  log: Log;
  /** Called (at most once per event-loop turn) when more became durable: full state vector, new deletions. */
  onDurable(stateVector: Map<number, number>, newDeletions: DeleteSet): void;
  /** First retry delay after a failed write; doubles up to retryMaxMs. @default 250 */
  retryDelayMs?: number;
  /** Longest wait between retries: a store back after an outage (a database restart) is written to within this. @default 5_000 */
  retryMaxMs?: number;
}

/**
 * Writes a room's accepted updates through `store` and knows exactly what is durable.
 * Writes run concurrently (the store groups them into one fsync); "durable" advances in acceptance
 * order only, so a later write finishing first never makes an earlier one look saved. A failed write is
 * logged and retried with back-off, its update kept in memory meanwhile, and never reported saved.
 */
export class DocumentPersistence {
  private readonly queue: PendingWrite[] = [];
  private durableStateVector: Map<number, number>;
  private durableDeletions: DeleteSet;
  private unannounced: DeleteSet[] = [];
  private announceQueued = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private retryDelay: number;
  private idleWaiters: Array<() => void> = [];
  private readonly entryWaiters = new Map<PendingWrite, Array<() => void>>();

  constructor(private readonly options: DocumentPersistenceOptions) {
    const loaded = Y.snapshot(options.document);
    this.durableStateVector = loaded.sv;
    this.durableDeletions = loaded.ds;
    this.retryDelay = options.retryDelayMs ?? 250;
  }

  /**
   * Persists an update that the document has just applied; `deletions` is its delete set, `stateVector`
   * the document's right after it (the transaction's afterState; read from the document when omitted).
   */
  write(update: Uint8Array, deletions: DeleteSet, stateVector = Y.decodeStateVector(Y.encodeStateVector(this.options.document))): void {
    const entry: PendingWrite = { update, stateVector, deletions, status: 'writing' };
    this.queue.push(entry);
    this.run([entry]);
  }

  /**
   * Counts an update the document has just applied as durable already (another process committed it):
   * nothing is written, and it is reported saved in its turn, after the writes accepted before it.
   */
  alreadyDurable(deletions: DeleteSet, stateVector: Map<number, number>): void {
    this.queue.push({ update: new Uint8Array(0), stateVector, deletions, status: 'done' });
    this.advance();
  }

  /** Updates accepted but not yet durable. */
  get pending(): number {
    return this.queue.length;
  }

  /** Everything durable so far: the full state vector and every durable deletion. */
  saved(): { stateVector: Map<number, number>; deletions: DeleteSet } {
    return { stateVector: this.durableStateVector, deletions: this.durableDeletions };
  }

  /** Resolves once every update written so far is durable (failed ones are being retried meanwhile). */
  flushed(): Promise<void> {
    if (this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Resolves once every update written so far is durable, however many are written after it (unlike
   * `flushed`, which waits for an empty queue and so could wait long while others keep typing).
   */
  settled(): Promise<void> {
    const last = this.queue[this.queue.length - 1];
    if (!last) return Promise.resolve();
    return new Promise((resolve) => {
      const waiters = this.entryWaiters.get(last) ?? [];
      waiters.push(resolve);
      this.entryWaiters.set(last, waiters);
    });
  }

  /** Stops retrying (the process is giving up on what is still pending). */
  dispose(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private run(entries: PendingWrite[]): void {
    const { draftId, store } = this.options;
    const update = entries.length === 1 ? entries[0]!.update : Y.mergeUpdates(entries.map((e) => e.update));
    store(update).then(
      () => {
        for (const entry of entries) entry.status = 'done';
        this.retryDelay = this.options.retryDelayMs ?? 250;
        this.advance();
      },
      (error: unknown) => {
        for (const entry of entries) entry.status = 'failed';
        this.options.log.error('saving an update failed; keeping it in memory and retrying', {
          draftId,
          updates: entries.length,
          bytes: update.byteLength,
          retryInMs: this.retryDelay,
          error: error instanceof Error ? error.message : String(error),
        });
        this.scheduleRetry();
      },
    );
  }

  private scheduleRetry(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      const failed = this.queue.filter((entry) => entry.status === 'failed');
      for (const entry of failed) entry.status = 'writing';
      if (failed.length > 0) this.run(failed);
    }, this.retryDelay);
    this.retryDelay = Math.min(this.retryDelay * 2, this.options.retryMaxMs ?? 5_000);
  }

  private advance(): void {
    let last: PendingWrite | undefined;
    while (this.queue[0]?.status === 'done') {
      last = this.queue.shift()!;
      this.unannounced.push(last.deletions);
      for (const resolve of this.entryWaiters.get(last) ?? []) resolve();
      this.entryWaiters.delete(last);
    }
    if (!last) return;
    this.durableStateVector = last.stateVector;
    if (!this.announceQueued) {
      this.announceQueued = true;
      setImmediate(() => this.announce());
    }
    if (this.queue.length === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  /** One notice per event-loop turn, however many writes one fsync completed. */
  private announce(): void {
    this.announceQueued = false;
    const newDeletions = Y.mergeDeleteSets(this.unannounced);
    this.unannounced = [];
    this.durableDeletions = Y.mergeDeleteSets([this.durableDeletions, newDeletions]);
    this.options.onDurable(this.durableStateVector, newDeletions);
  }
}
