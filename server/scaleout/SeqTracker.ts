/**
 * Which of each draft's committed updates (numbered 1, 2, 3 … without gaps by the database, across every
 * process) this process's live document holds: everything up to `prefix`, plus some later ones that
 * arrived early (`ahead`). A draft is tracked from its load until its release.
 *
 * The prefix is what makes compaction safe with several processes: a snapshot of the live document covers
 * exactly the updates up to the prefix, however many later ones this process wrote or received itself.
 */
export class SeqTracker {
  private readonly drafts = new Map<string, { prefix: number; ahead: Set<number> }>();

  /** The draft was loaded with every update up to `seq`. */
  loaded(draftId: string, seq: number): void {
    const known = this.drafts.get(draftId);
    if (known) this.mark(draftId, seq, true);
    else this.drafts.set(draftId, { prefix: seq, ahead: new Set() });
  }

  tracks(draftId: string): boolean {
    return this.drafts.has(draftId);
  }

  /** Whether the live document already holds update `seq` (false for an untracked draft). */
  holds(draftId: string, seq: number): boolean {
    const draft = this.drafts.get(draftId);
    return draft !== undefined && (seq <= draft.prefix || draft.ahead.has(seq));
  }

  /**
   * The live document now holds update `seq` (this process committed it, or applied it from elsewhere);
   * `throughSeq` when it holds every update up to it (a repair read the log that far).
   */
  mark(draftId: string, seq: number, throughSeq = false): void {
    const draft = this.drafts.get(draftId);
    if (!draft) return;
    if (throughSeq) {
      if (seq > draft.prefix) draft.prefix = seq;
    } else if (seq > draft.prefix) {
      draft.ahead.add(seq);
    }
    while (draft.ahead.has(draft.prefix + 1)) draft.ahead.delete(++draft.prefix);
    for (const early of draft.ahead) if (early <= draft.prefix) draft.ahead.delete(early);
  }

  /** Every update up to this is in the live document (0 for an untracked draft). */
  prefix(draftId: string): number {
    return this.drafts.get(draftId)?.prefix ?? 0;
  }

  /** Whether the draft is known to miss an update (a later one arrived before it). */
  hasGap(draftId: string): boolean {
    return (this.drafts.get(draftId)?.ahead.size ?? 0) > 0;
  }

  /** The drafts tracked now. */
  list(): string[] {
    return [...this.drafts.keys()];
  }

  forget(draftId: string): void {
    this.drafts.delete(draftId);
  }
}
