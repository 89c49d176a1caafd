import type { ReactNode } from 'react';
import type { ProposalFate } from '../../shared/compare/DraftComparison.js';
import { fateTag } from '../../shared/compare/proposalFates.js';
import type { ProposalMark } from '../../shared/export/DraftText.js';
import { proposalTag, proposalTitle } from '../../shared/export/proposalLabels.js';

/** A proposal as a version shows it (its mark) or as a comparison shows it (with its fate between the sides). */
export type ShownProposal = ProposalMark | ProposalFate;

/**
 * One proposal's passage (amendments mode) as React elements, worded as the exports word it: in a version,
 * a proposed insertion underlined in <ins>, a proposed deletion struck through in <del>, followed by its tag
 * as real text ("+ United States", "− Norway"), so copied text keeps the attribution. In a comparison, where
 * <ins> and <del> say what changed between the versions, the passage is a dotted <span> and its tag names
 * its fate ("+ United States, accepted"). `trail` is the passage's trailing white space, drawn after the tag
 * and still inside the proposal. Several proposals on one passage nest, insertion outermost.
 */
export function ProposalPassage({
  proposals,
  children,
  trail,
}: {
  proposals: readonly ShownProposal[];
  children: ReactNode;
  trail?: ReactNode;
}) {
  const wrap = (content: ReactNode) =>
    [...proposals]
      .reverse()
      .reduce<ReactNode>((inner, proposal) => <ProposalMarkView proposal={proposal}>{inner}</ProposalMarkView>, content);
  return (
    <>
      {wrap(children)}
      {proposals.map((proposal, index) => (
        <sup key={index} className={`version-proposal-tag version-proposal-tag-${proposal.kind}`}>
          {'fate' in proposal ? fateTag(proposal) : proposalTag(proposal)}
        </sup>
      ))}
      {trail ? wrap(trail) : null}
    </>
  );
}

function ProposalMarkView({ proposal, children }: { proposal: ShownProposal; children: ReactNode }) {
  const title = proposalTitle(proposal);
  if ('fate' in proposal) {
    return (
      <span className={`redline-proposal redline-proposal-${proposal.kind} redline-proposal-${proposal.fate}`} title={title}>
        {children}
      </span>
    );
  }
  return proposal.kind === 'insertion' ? (
    <ins className="version-proposal version-proposal-insertion" title={title}>
      {children}
    </ins>
  ) : (
    <del className="version-proposal version-proposal-deletion" title={title}>
      {children}
    </del>
  );
}
