import type { ProposalAttrs } from '../../shared/doc/schema.js';
import { delegationLabel } from './describeProposal.js';
import { useProposals, useProposalsPanel } from './ProposalsContext.js';

export interface ClauseProposalBannerProps {
  /** The clause is a delegation's proposed new clause, or null. */
  proposedBy: ProposalAttrs | null;
  /** A delegation proposes deleting the clause, or null. */
  deletionProposedBy: ProposalAttrs | null;
}

/** "Proposed new clause — United States", "Deletion proposed by Norway". */
export function describeClauseProposal(kind: 'new' | 'deletion', delegation: string): string {
  return kind === 'new' ? `Proposed new clause — ${delegation}` : `Deletion proposed by ${delegation}`;
}

/**
 * On a clause card, for everyone: that the clause is a delegation's proposed new clause, or that a delegation
 * proposes deleting it, in that delegation's colour, with a way to the proposal in the proposals panel (where
 * it is decided, withdrawn and commented on). The views hide it (amendments.css): "Accepted text" shows the
 * clause proposed for deletion as any other and leaves the proposed one out; "If all accepted" the opposite.
 */
export function ClauseProposalBanner({ proposedBy, deletionProposedBy }: ClauseProposalBannerProps) {
  const proposals = useProposals();
  const panel = useProposalsPanel();
  if (!proposedBy && !deletionProposedBy) return null;
  const nameOf = proposals?.nameOf ?? (() => null);
  const line = (kind: 'new' | 'deletion', attrs: ProposalAttrs) => (
    <p
      className={`clause-proposal clause-proposal-${kind}`}
      data-delegation={attrs.delegation}
      data-proposal-id={attrs.id}
      data-testid={`clause-proposal-${kind}`}
    >
      <span className="clause-proposal-text">{describeClauseProposal(kind, delegationLabel(attrs.delegation, nameOf))}</span>
      {panel ? (
        <button type="button" className="link-button clause-proposal-show" onClick={() => panel.openPanel(attrs.id)}>
          Show in proposals
        </button>
      ) : null}
    </p>
  );
  return (
    <div className="clause-proposals">
      {proposedBy ? line('new', proposedBy) : null}
      {deletionProposedBy ? line('deletion', deletionProposedBy) : null}
    </div>
  );
}
