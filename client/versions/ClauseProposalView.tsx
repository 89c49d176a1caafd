import type { ReactNode } from 'react';
import type { ClauseProposalMark } from '../../shared/export/DraftText.js';
import { clauseProposalLine, clauseProposalTitle } from '../../shared/export/proposalLabels.js';

/**
 * A whole clause's proposals (amendments mode) as a version shows them, worded as the exports word them: one
 * line each under the clause's number ("Proposed new clause — United States", "Deletion proposed by Norway").
 */
export function ClauseProposalLines({ proposals }: { proposals: readonly ClauseProposalMark[] }) {
  if (proposals.length === 0) return null;
  return (
    <>
      {proposals.map((proposal) => (
        <p key={`${proposal.kind}-${proposal.id}`} className={`version-clause-proposal version-clause-proposal-${proposal.kind}`}>
          {clauseProposalLine(proposal)}
        </p>
      ))}
    </>
  );
}

/**
 * A proposed clause's heading text or body drawn as a proposed passage is: underlined in <ins> for a proposed
 * new clause, struck through in <del> for a proposed deletion (`block`: a <div>-like box holding paragraphs,
 * which HTML allows in <ins> and <del>). Passages proposed within it keep their own marks and tags.
 */
export function ClauseProposalText({ proposal, block, children }: { proposal: ClauseProposalMark; block?: boolean; children: ReactNode }) {
  const kind = proposal.kind === 'clause-insertion' ? 'insertion' : 'deletion';
  const className = `version-proposal version-proposal-${kind} version-clause-proposal-text${block ? ' version-clause-proposal-block' : ''}`;
  const title = clauseProposalTitle(proposal);
  return kind === 'insertion' ? (
    <ins className={className} title={title}>
      {children}
    </ins>
  ) : (
    <del className={className} title={title}>
      {children}
    </del>
  );
}
