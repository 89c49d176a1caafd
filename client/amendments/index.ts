/**
 * The amendments feature's public entry: the draft page's amendments context (editing mode, the view of
 * proposals, the delegation a member proposes for), read by the clause editors; the provider, the badge,
 * the bar above the clauses (the Proposals button and the view switch) and the panel the draft page mounts;
 * and the proposals' counts the outline shows.
 */
export { AmendmentsContext, DIRECT_EDITING, useAmendments, type AmendmentsContextValue } from './AmendmentsContext.js';
export { AmendmentsProvider } from './AmendmentsProvider.js';
export { countProposalsInWords } from './describeProposal.js';
export { EditingModeBadge } from './EditingModeBadge.js';
export { OutlineProposalCount } from './OutlineProposalCount.js';
export { ProposalsBar } from './ProposalsBar.js';
export { useProposals, useProposalsPanel } from './ProposalsContext.js';
export { ProposalsPanel } from './ProposalsPanel.js';
export { proposalViewClass } from './ProposalViewSwitch.js';
