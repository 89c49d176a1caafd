import type { Amendment } from '../../../shared/amendments/clauseProposals.js';
import { audit } from '../audit.js';
import type { MetadataRepositories } from '../repositories.js';
import type { AmendmentAction } from './AmendmentLedger.js';

/**
 * How much of a proposal's text an entry quotes. More than a bracket entry does: once decided, a rejected
 * insertion or an accepted deletion is gone from the text, and the entry is what says what it was.
 */
export const AMENDMENT_AUDIT_TEXT_CHARS = 300;

/** Who proposed or decided, as the entry keeps them (delegation: its name then, or null). */
export interface AmendmentActor {
  id: string;
  name: string;
  delegation: string | null;
}

/** Proposals made or decided by one member at one moment: one audit entry each. */
export interface AmendmentEntries {
  draftId: string;
  at: Date;
  actor: AmendmentActor;
  action: AmendmentAction;
  proposals: readonly Amendment[];
}

/**
 * Records proposals in the audit log, one entry per proposal, all in one durable write: the proposal id as
 * the target, its clause, and a detail saying what was done to which text of whose, e.g.
 * `Accepted the insertion of “and human rights” (Norway)`.
 */
export async function auditAmendments(metadata: MetadataRepositories, entries: AmendmentEntries): Promise<void> {
  if (entries.proposals.length === 0) return;
  await metadata.transaction(async (tx) => {
    const names = new Map((await tx.delegations.list()).map((d) => [d.id, d.name]));
    for (const proposal of entries.proposals) {
      const owner = names.get(proposal.delegationId) ?? 'an unknown delegation';
      await audit(tx.audit, entries.at, entries.actor.id, entries.action, proposal.id, {
        draftId: entries.draftId,
        clauseId: proposal.clauseId,
        detail: `${describe(entries.action, proposal)} (${owner})`,
        actorName: entries.actor.name,
        delegation: entries.actor.delegation,
      });
    }
  });
}

const VERBS: Record<AmendmentAction, string> = {
  'amendment.proposed': 'Proposed',
  'amendment.accepted': 'Accepted',
  'amendment.rejected': 'Rejected',
  'amendment.withdrawn': 'Withdrew',
};

function describe(action: AmendmentAction, proposal: Amendment): string {
  // A new insertion is first seen with its first keystrokes: quoting them would say little.
  if (action === 'amendment.proposed' && proposal.kind === 'insertion') return 'Proposed an insertion';
  if (action === 'amendment.proposed' && proposal.kind === 'clause-insertion') return 'Proposed a new clause';
  if (proposal.kind === 'clause-insertion') return `${VERBS[action]} the new clause ${quote(proposal.text)}`;
  if (proposal.kind === 'clause-deletion') return `${VERBS[action]} the deletion of the clause ${quote(proposal.text)}`;
  return `${VERBS[action]} the ${proposal.kind} of ${quote(proposal.text)}`;
}

/** The text in quotes on one line (paragraph breaks as " / "), cut at AMENDMENT_AUDIT_TEXT_CHARS. */
function quote(text: string): string {
  const line = text.replace(/\n/g, ' / ');
  return `“${line.length > AMENDMENT_AUDIT_TEXT_CHARS ? `${line.slice(0, AMENDMENT_AUDIT_TEXT_CHARS)}…` : line}”`;
}
