import type { Log } from '../log.js';
import type { SeqTracker } from './SeqTracker.js';
import type { SequencedDocumentStore } from './SharedDocumentStore.js';

/** An update another process committed, as the fan-out delivers it. */
export interface CommittedElsewhere {
  draftId: string;
  seq: number;
  update: Uint8Array;
  /** When it was committed (ms since the epoch, the committing process's clock): for the lag metric. */
  committedAt: number;
}

/** Where a committed update goes in this process: the draft's live document, if it is loaded here. */
export interface LiveDocuments {
  /** Applies an update committed elsewhere to the draft's live document; false when the draft is not (or no longer) live here. */
  applyCommitted(draftId: string, update: Uint8Array): boolean;
}

export interface DraftSyncOptions {
  store: SequencedDocumentStore;
  tracker: SeqTracker;
  live: LiveDocuments;
  log: Log;
  /** How often every live draft's log head is compared with what this process holds. @default 1000 */
  checkIntervalMs?: number;
  /** How long a known gap may wait for its update to arrive before the log is read. @default 150 */
  gapGraceMs?: number;
  /** Hears the lag of each delivered update, in seconds (metrics). */
  observeLag?: (seconds: number) => void;
}

/** Running totals, for the metrics. */
export interface DraftSyncCounters {
  /** Updates of other processes applied, as delivered by the fan-out. */
  delivered: number;
  /** Updates found missing and read from the database instead (a lost or late message, a paused process). */
  repaired: number;
  /** Repairs run (each reads one draft's log from what it holds on). */
  repairs: number;
  /** Milliseconds from another process's commit to its update being applied here, summed and counted (fan-out lag). */
  lagMsTotal: number;
  lagSamples: number;
}

/**
 * Keeps this process's live documents up to date with what other processes commit to the same drafts.
 * Updates arrive through the fan-out (Redis) as they are committed; each is applied once, in any order
 * (Yjs holds an update back until what it builds on arrives). Nothing depends on the fan-out being
 * reliable: a draft that is known to miss an update (a later one came first) is repaired from the log
 * after a short grace, and every `checkIntervalMs` each live draft's log head is compared with what this
 * process holds, so a lost message, a Redis outage or a paused process is made good from the database
 * within about a second — or at once without any fan-out at all, which only makes it slower.
 */
export class DraftSync {
  readonly counters: DraftSyncCounters = { delivered: 0, repaired: 0, repairs: 0, lagMsTotal: 0, lagSamples: 0 };
  private readonly timer: NodeJS.Timeout;
  private readonly repairing = new Map<string, Promise<void>>();
  private readonly gapTimers = new Map<string, NodeJS.Timeout>();
  private closed = false;

  constructor(private readonly options: DraftSyncOptions) {
    this.timer = setInterval(() => void this.checkAll(), options.checkIntervalMs ?? 1000);
    this.timer.unref();
  }

  /** An update another process committed (from the fan-out). */
  receive(message: CommittedElsewhere): void {
    const { tracker, live } = this.options;
    const { draftId, seq, update } = message;
    if (this.closed || !tracker.tracks(draftId) || tracker.holds(draftId, seq)) return;
    if (!live.applyCommitted(draftId, update)) return;
    tracker.mark(draftId, seq);
    this.counters.delivered += 1;
    const lagMs = Math.max(0, Date.now() - message.committedAt);
    this.counters.lagMsTotal += lagMs;
    this.counters.lagSamples += 1;
    this.options.observeLag?.(lagMs / 1000);
    if (tracker.hasGap(draftId)) this.repairSoon(draftId);
  }

  /** A draft was just loaded here: what others committed meanwhile may have been missed. */
  loaded(draftId: string): void {
    this.repairSoon(draftId, 0);
  }

  /** Compares every live draft's log head with what this process holds and repairs those behind. */
  async checkAll(): Promise<void> {
    const { store, tracker, log } = this.options;
    await Promise.all(
      tracker.list().map(async (draftId) => {
        try {
          const head = await store.headSeq(draftId);
          if (head > tracker.prefix(draftId)) await this.repair(draftId);
        } catch (error) {
          if (!this.closed)
            log.warn('checking a draft against the log failed; trying again shortly', { draftId, error: (error as Error).message });
        }
      }),
    );
  }

  /** Stops checking (the process is stopping). */
  close(): void {
    this.closed = true;
    clearInterval(this.timer);
    for (const timer of this.gapTimers.values()) clearTimeout(timer);
    this.gapTimers.clear();
  }

  private repairSoon(draftId: string, delayMs = this.options.gapGraceMs ?? 150): void {
    if (this.gapTimers.has(draftId) || this.closed) return;
    const timer = setTimeout(() => {
      this.gapTimers.delete(draftId);
      this.repair(draftId).catch((error: unknown) =>
        this.options.log.warn('repairing a draft from the log failed; the next check tries again', {
          draftId,
          error: (error as Error).message,
        }),
      );
    }, delayMs);
    timer.unref();
    this.gapTimers.set(draftId, timer);
  }

  /** Reads what the draft's log holds after this process's prefix and applies what is missing. One at a time per draft. */
  private repair(draftId: string): Promise<void> {
    const running = this.repairing.get(draftId);
    if (running) return running;
    const work = this.readAndApply(draftId).finally(() => this.repairing.delete(draftId));
    this.repairing.set(draftId, work);
    return work;
  }

  private async readAndApply(draftId: string): Promise<void> {
    const { store, tracker, live } = this.options;
    const from = tracker.prefix(draftId);
    const rows = await store.readSince(draftId, from);
    if (this.closed || !tracker.tracks(draftId)) return;
    let through = from;
    let missing = 0;
    for (const row of rows) {
      if (!tracker.holds(draftId, row.seq)) {
        if (!live.applyCommitted(draftId, row.update)) return;
        missing += 1;
      }
      through = Math.max(through, row.seq);
    }
    // Every update up to `through` is now in the live document (a snapshot row covers all before it).
    tracker.mark(draftId, through, true);
    this.counters.repairs += 1;
    this.counters.repaired += missing;
  }
}
