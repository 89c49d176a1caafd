import { countDraftTotals } from '../../../shared/negotiation/counts.js';
import type { DraftDocuments } from '../DraftDocuments.js';
import type { DraftEventBus } from '../DraftEventBus.js';
import { toDraftSummary } from '../DraftService.js';
import type { MetadataRepositories } from '../repositories.js';

/**
 * How long after a document change its counts are taken again. Counting reads the whole document, so it
 * runs at most this often per draft while people type; the drafts list is at most this far behind.
 */
export const COUNTS_DELAY_MS = 500;

export interface DraftCountsTrackerDeps {
  metadata: MetadataRepositories;
  documents: DraftDocuments;
  events: DraftEventBus;
  /** @default COUNTS_DELAY_MS */
  delayMs?: number;
  /** Where failures go. @default console.error */
  logError?: (message: string, error: unknown) => void;
}

/**
 * Keeps each draft's bracket, option and proposal counts (DraftRecord.counts) current: after its document
 * changed (the negotiation room extension) the draft is counted again (countDraftTotals), and when the counts
 * differ from the stored ones they are stored and announced as `draft.updated`, which reaches the draft's
 * pages and the workspace stream (the drafts list). Drafts never counted (or counted before proposals
 * existed) are counted when first listed.
 */
export class DraftCountsTracker {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  /** Counts being taken, by draft: one at a time per draft. */
  private readonly running = new Map<string, Promise<void>>();
  /** Drafts that changed again while being counted. */
  private readonly again = new Set<string>();
  private readonly delayMs: number;
  private closed = false;

  constructor(private readonly deps: DraftCountsTrackerDeps) {
    this.delayMs = deps.delayMs ?? COUNTS_DELAY_MS;
  }

  /** Notes that a draft's document changed: it is counted `delayMs` after the first change not yet counted. */
  changed(draftId: string): void {
    if (this.closed || this.timers.has(draftId)) return;
    if (this.running.has(draftId)) {
      this.again.add(draftId);
      return;
    }
    this.timers.set(
      draftId,
      setTimeout(() => {
        this.timers.delete(draftId);
        void this.recount(draftId);
      }, this.delayMs).unref(),
    );
  }

  /**
   * Counts the drafts that have never been counted (their records have no counts yet, or none of proposals),
   * one after the other.
   */
  async countMissing(draftIds?: readonly string[]): Promise<void> {
    const wanted = draftIds ? new Set(draftIds) : null;
    const missing = (await this.deps.metadata.drafts.list()).filter(
      (d) => d.counts?.proposals === undefined && (!wanted || wanted.has(d.id)),
    );
    for (const draft of missing) await this.recount(draft.id);
  }

  /** Counts a draft now (waiting for a count already running); stores and announces counts that changed. */
  recount(draftId: string): Promise<void> {
    const current = this.running.get(draftId);
    if (current) return current;
    const run = this.count(draftId)
      .catch((error: unknown) => (this.deps.logError ?? console.error)(`[counts] counting draft ${draftId} failed:`, error))
      .finally(() => {
        this.running.delete(draftId);
        if (this.again.delete(draftId)) this.changed(draftId);
      });
    this.running.set(draftId, run);
    return run;
  }

  /** Stops every timer; resolves once counts already being taken have finished. */
  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    this.again.clear();
    await Promise.allSettled([...this.running.values()]);
  }

  private async count(draftId: string): Promise<void> {
    if (this.closed || !(await this.deps.metadata.drafts.get(draftId))) return;
    const { brackets, options, proposals } = await this.deps.documents.read(draftId, countDraftTotals);
    const summary = await this.deps.metadata.transaction(async (tx) => {
      const draft = await tx.drafts.get(draftId);
      const stored = draft?.counts;
      if (!draft || (stored?.brackets === brackets && stored.options === options && stored.proposals === proposals)) return null;
      draft.counts = { brackets, options, proposals };
      await tx.drafts.put(draft);
      return toDraftSummary(draft);
    });
    if (summary) this.deps.events.publish(draftId, { type: 'draft.updated', draft: summary });
  }
}
