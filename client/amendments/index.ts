/**
 * The amendments feature's public entry: the draft page's amendments context (editing mode, the view of
 * proposals, the delegation a member proposes for), read by the clause editors; the provider, the badge,
 * the bar above the clauses (the Proposals button and the view switch) and the panel the draft page mounts;
 * the proposals' counts the outline shows; and the proposals on whole clauses: the clause card's banner and
 * the actions that propose a new clause or a deletion, or withdraw either.
 */
export { AmendmentsContext, DIRECT_EDITING, useAmendments, type AmendmentsContextValue } from './AmendmentsContext.js';
export { AmendmentsProvider } from './AmendmentsProvider.js';
export { ClauseProposalBanner } from './ClauseProposalBanner.js';
export { clauseProposalActions, type ClauseProposalActions } from './clauseProposalActions.js';
export { describeDecisionError } from './describeDecisionError.js';
export { countProposalsInWords } from './describeProposal.js';
export { EditingModeBadge } from './EditingModeBadge.js';
export { OutlineProposalCount } from './OutlineProposalCount.js';
export { ProposalsBar } from './ProposalsBar.js';
export { useProposals, useProposalsPanel } from './ProposalsContext.js';
export { ProposalsPanel } from './ProposalsPanel.js';
export { proposalViewClass } from './ProposalViewSwitch.js';
