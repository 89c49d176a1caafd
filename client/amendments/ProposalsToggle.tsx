import { useAmendments } from './AmendmentsContext.js';
import { PROPOSALS_PANEL_ID, useProposals, useProposalsPanel } from './ProposalsContext.js';

/**
 * The "Proposals" button above the clauses, with the number undecided: opens (or closes) the proposals panel.
 * Shown on a draft that has proposals or is in amendments mode.
 */
export function ProposalsToggle() {
  const ctx = useProposals();
  const panelCtx = useProposalsPanel();
  const { editingMode } = useAmendments();
  if (!ctx || !panelCtx || (ctx.proposals.length === 0 && editingMode !== 'amendments')) return null;
  const { proposals } = ctx;
  const { panel, openPanel, closePanel } = panelCtx;
  return (
    <button
      type="button"
      className="button button-secondary button-small proposals-toggle"
      aria-expanded={panel.open}
      aria-controls={panel.open ? PROPOSALS_PANEL_ID : undefined}
      onClick={() => (panel.open ? closePanel() : openPanel())}
    >
      Proposals
      <span className="proposals-toggle-count">
        {proposals.length}
        <span className="visually-hidden"> undecided</span>
      </span>
    </button>
  );
}
