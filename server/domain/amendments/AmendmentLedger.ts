import type { NegotiationAction } from '../../../shared/api/negotiation.js';
import type { AuditRepository } from '../repositories.js';

/** The audit actions about proposals (shown in the negotiation audit log); each entry's `target` is the proposal id. */
export const AMENDMENT_ACTIONS = [
  'amendment.proposed',
  'amendment.accepted',
  'amendment.rejected',
  'amendment.withdrawn',
] as const satisfies readonly NegotiationAction[];
export type AmendmentAction = (typeof AMENDMENT_ACTIONS)[number];

/** What is known of one draft's proposals beyond the text. */
export interface DraftLedger {
  /** When the server first saw each proposal (ISO), from its `amendment.proposed` entry. */
  readonly proposedAt: Map<string, string>;
  /** Proposals accepted, rejected or withdrawn: a second decision on one is AMENDMENT_DECIDED. */
  readonly decided: Set<string>;
}

/**
 * A draft's proposal history as the audit log keeps it (the log is the durable record; nothing else is
 * stored), read once per draft and process and then kept current by the writers: AmendmentService marks a
 * proposal as seen or decided the moment it commits to it (decisions: inside the document change), so two
 * requests racing on one proposal see each other even before the audit entry is on disk. One server
 * process owns a data folder, so no one else writes these entries meanwhile.
 */
export class AmendmentLedger {
  private readonly drafts = new Map<string, Promise<DraftLedger>>();

  constructor(private readonly audit: AuditRepository) {}

  /** The ledger of a draft, loaded from the audit log on first use. */
  of(draftId: string): Promise<DraftLedger> {
    let ledger = this.drafts.get(draftId);
    if (!ledger) {
      ledger = this.load(draftId);
      this.drafts.set(draftId, ledger);
      // A failed read is not remembered: the next request tries again.
      ledger.catch(() => this.drafts.delete(draftId));
    }
    return ledger;
  }

  private async load(draftId: string): Promise<DraftLedger> {
    const entries = await this.audit.pageByDraft(draftId, { limit: Number.MAX_SAFE_INTEGER, actions: AMENDMENT_ACTIONS });
    const ledger: DraftLedger = { proposedAt: new Map(), decided: new Set() };
    // Newest first as the log pages them: walked from the oldest, so the first sighting wins.
    for (const entry of entries.reverse()) {
      if (entry.action !== 'amendment.proposed') ledger.decided.add(entry.target);
      else if (!ledger.proposedAt.has(entry.target)) ledger.proposedAt.set(entry.target, entry.at);
    }
    return ledger;
  }
}
