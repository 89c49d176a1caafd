import { SerialQueue } from '../SerialQueue.js';
import type { QueuedAppend } from './GroupCommit.js';
import type { LogRead } from './draftLogSql.js';

/**
 * What one process knows of an open draft's log, and the order its calls take effect in:
 * - `queue` runs load, loadSince, compact and release one at a time in call order, each after the
 *   draft's appends made before it (`lastAppend`); `ownersQueue` does the same for client id owners;
 * - `held` keeps the appends made while a compaction is queued or running out of the group commit
 *   until it is done, so they land after the snapshot, never under it;
 * - `knownThrough`: every update up to this seq was committed or read by this store, so a state the
 *   caller built from them covers it: the most a compaction may claim. It only grows over a
 *   contiguous run, so an update another process appended in between (not yet seen here) is never
 *   covered by mistake;
 * - `logBytes`: bytes of the log rows this store committed or read above the newest snapshot it knows
 *   of, which is what the caller's compaction threshold looks at.
 */
export class DraftState {
  readonly queue = new SerialQueue();
  readonly ownersQueue = new SerialQueue();
  lastAppend: Promise<unknown> = Promise.resolve();
  pendingAppends = 0;
  held: QueuedAppend[] | null = null;
  knownThrough = 0;
  logBytes = 0;
  /** Seq of the newest snapshot this store wrote or read (rows up to it are gone). */
  private compactedThrough = 0;
  /** Seqs and sizes of the rows counted in `logBytes`, sorted by seq: two plain arrays, a few bytes per row. */
  private readonly rowSeqs: number[] = [];
  private readonly rowSizes: number[] = [];

  /** True when nothing is pending, so the draft can be forgotten. */
  get idle(): boolean {
    return this.pendingAppends === 0 && this.held === null && this.queue.idle && this.ownersQueue.idle;
  }

  /** An update of this store committed as `seq`. Appends of one draft commit in call order, so seqs arrive rising. */
  committed(seq: number, bytes: number): void {
    this.noteRow(seq, bytes);
    this.noteKnown(seq, seq);
  }

  /** A read of the log after `afterSeq` (-1: all of it) came back. */
  read(afterSeq: number, log: LogRead): void {
    this.compacted(log.snapshotSeq);
    for (const { seq, update } of log.updates) this.noteRow(seq, update.byteLength);
    // A snapshot in the answer covers everything before it; otherwise the answer starts after `afterSeq`.
    this.noteKnown(log.snapshot || afterSeq < 0 ? 1 : afterSeq + 1, log.head);
  }

  /** The stored snapshot now covers `seq`: its rows left the log. */
  compacted(seq: number): void {
    if (seq <= this.compactedThrough) return;
    this.compactedThrough = seq;
    const gone = this.indexAfter(seq);
    for (const size of this.rowSizes.splice(0, gone)) this.logBytes -= size;
    this.rowSeqs.splice(0, gone);
  }

  /** Counts a row once, however often it is committed or read. Rows mostly arrive in rising order: a push. */
  private noteRow(seq: number, bytes: number): void {
    if (seq <= this.compactedThrough) return;
    const at = this.indexAfter(seq);
    if (this.rowSeqs[at - 1] === seq) return;
    this.rowSeqs.splice(at, 0, seq);
    this.rowSizes.splice(at, 0, bytes);
    this.logBytes += bytes;
  }

  /** Index of the first counted row with a seq above `seq` (binary search). */
  private indexAfter(seq: number): number {
    let [low, high] = [0, this.rowSeqs.length];
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.rowSeqs[mid]! <= seq) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Updates `from`..`through` are known: extends `knownThrough` when they join on to it. */
  private noteKnown(from: number, through: number): void {
    if (from <= this.knownThrough + 1) this.knownThrough = Math.max(this.knownThrough, through);
  }
}
