export interface AutoSnapshotOptions {
  /** Saves an automatic version of the draft (skipping it when nothing changed since the latest version). */
  take(draftId: string): Promise<unknown>;
  /** A draft that changed is saved once it had no change for this long. 0 turns automatic snapshots off. @default 5 minutes */
  quietMs?: number;
  /** While changes keep coming, a draft is saved at least this long after its first unsaved change. @default 30 minutes */
  maxIntervalMs?: number;
  /** @default Date.now */
  now?: () => number;
  /** Where failures go. @default console.error */
  logError?: (message: string, error: unknown) => void;
}

interface Pending {
  firstChange: number;
  lastChange: number;
  timer: NodeJS.Timeout;
}

/**
 * Decides when drafts get automatic versions, so no day's work is ever unrecoverable: after a draft changed
 * it waits for a quiet spell (no change for `quietMs`), and while editing goes on it saves at the latest
 * `maxIntervalMs` after the first unsaved change. Calls `changed` cost a timestamp (one timer per draft,
 * re-armed only when it fires). Timers are unref'd and cleared by `close`.
 */
export class AutoSnapshotScheduler {
  private readonly pending = new Map<string, Pending>();
  /** Snapshots being taken, by draft: one at a time per draft. */
  private readonly running = new Map<string, Promise<unknown>>();
  private readonly quietMs: number;
  private readonly maxIntervalMs: number;
  private readonly now: () => number;
  private closed = false;

  constructor(private readonly options: AutoSnapshotOptions) {
    this.quietMs = options.quietMs ?? 5 * 60_000;
    this.maxIntervalMs = options.maxIntervalMs ?? 30 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Notes that a draft's document changed (the automatic versions room extension). */
  changed(draftId: string): void {
    if (this.closed || this.quietMs <= 0) return;
    const now = this.now();
    const entry = this.pending.get(draftId);
    if (entry) {
      entry.lastChange = now;
      return;
    }
    this.pending.set(draftId, { firstChange: now, lastChange: now, timer: this.arm(draftId, this.quietMs) });
  }

  /** Stops every timer; resolves once snapshots already being taken have finished. */
  async close(): Promise<void> {
    this.closed = true;
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  private arm(draftId: string, delay: number): NodeJS.Timeout {
    return setTimeout(() => this.due(draftId), Math.max(0, delay)).unref();
  }

  /** A timer fired: save now if the draft has been quiet long enough or waited long enough, else wait for the rest. */
  private due(draftId: string): void {
    const entry = this.pending.get(draftId);
    if (!entry) return;
    const now = this.now();
    const quietLeft = entry.lastChange + this.quietMs - now;
    const deadlineLeft = entry.firstChange + this.maxIntervalMs - now;
    if (quietLeft > 0 && deadlineLeft > 0) {
      entry.timer = this.arm(draftId, Math.min(quietLeft, deadlineLeft));
      return;
    }
    if (this.running.has(draftId)) {
      entry.timer = this.arm(draftId, this.quietMs);
      return;
    }
    this.pending.delete(draftId);
    const logError = this.options.logError ?? ((message, error) => console.error(message, error));
    const run = this.options
      .take(draftId)
      .catch((error: unknown) => logError(`[versions] an automatic snapshot of draft ${draftId} failed:`, error))
      .finally(() => this.running.delete(draftId));
    this.running.set(draftId, run);
  }
}
