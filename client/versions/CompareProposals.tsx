import type { DraftComparison } from '../../shared/compare/DraftComparison.js';
import { comparisonHasProposals, countProposalFates } from '../../shared/compare/proposalFates.js';

/**
 * What became of the proposals (amendments mode) between the two texts, counted, and how the redline tags
 * them; nothing when neither side holds a proposal.
 */
export function CompareProposals({ comparison }: { comparison: DraftComparison }) {
  if (!comparisonHasProposals(comparison)) return null;
  const counts = countProposalFates(comparison);
  const items = [
    { n: counts.made, words: 'new' },
    { n: counts.accepted, words: 'accepted' },
    { n: counts.rejected, words: 'rejected' },
    { n: counts.pending, words: 'still undecided' },
  ];
  return (
    <p className="compare-proposals">
      <strong>Proposals:</strong> {items.map(({ n, words }) => `${n} ${words}`).join(', ')}. Each is tagged with its delegation after “+”
      (insertion) or “−” (deletion) and with what became of it.
    </p>
  );
}
