import { useAmendments } from './AmendmentsContext.js';
import { useProposals } from './ProposalsContext.js';
import { ProposalViewSwitch } from './ProposalViewSwitch.js';

/**
 * Above the clauses: the Proposals button and the view switch, on a draft with proposals or in amendments mode (and while
 * a view other than "All proposals" is chosen, so the way back to editing never disappears).
 */
export function ProposalsBar() {
  const ctx = useProposals();
  const { editingMode, view } = useAmendments();
  const count = ctx?.proposals.length ?? 0;
  if (!ctx || (count === 0 && editingMode !== 'amendments' && view === 'all')) return null;
  return <ProposalViewSwitch />;
}
