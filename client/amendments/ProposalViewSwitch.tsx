import { useId } from 'react';
import type { ProposalView } from '../../shared/amendments/proposals.js';
import { useAmendments } from './AmendmentsContext.js';
import { ProposalsToggle } from './ProposalsToggle.js';

/** The three ways to read a text with proposals in it. */
export const PROPOSAL_VIEWS: readonly ProposalView[] = ['all', 'accepted', 'if-accepted'];

export const PROPOSAL_VIEW_LABELS: Record<ProposalView, string> = {
  all: 'All proposals',
  accepted: 'Accepted text',
  'if-accepted': 'If all accepted',
};

/** What a view shows, said when it is chosen (the text is read-only outside "All proposals"). */
const VIEW_SUMMARY: Record<ProposalView, string> = {
  all: '',
  accepted: 'Accepted text: the text as if every proposal were rejected. Read-only; choose All proposals to edit.',
  'if-accepted': 'If all accepted: the text as if every proposal were accepted. Read-only; choose All proposals to edit.',
};

/**
 * Above the clauses, on a draft with proposals or in amendments mode: the button that opens the proposals
 * panel (with how many there are) and which text to read. "All proposals" is
 * the compilation text (every proposal shown, tagged); "Accepted text" leaves proposed insertions out and
 * shows text proposed for deletion plainly; "If all accepted" does the opposite. The hiding itself is CSS on
 * the workspace (proposalViewClass); the editors turn read-only outside "All proposals".
 */
export function ProposalViewSwitch() {
  const { view, setView } = useAmendments();
  const name = useId();
  return (
    <div className="proposal-view">
      <div className="proposal-view-controls">
        <ProposalsToggle />
        <fieldset className="view-switch" aria-label="Text with proposals">
          {PROPOSAL_VIEWS.map((choice) => (
            <label key={choice} className="view-switch-choice">
              <input type="radio" name={name} value={choice} checked={view === choice} onChange={() => setView(choice)} />
              <span>{PROPOSAL_VIEW_LABELS[choice]}</span>
            </label>
          ))}
        </fieldset>
      </div>
      <p className={view === 'all' ? 'visually-hidden' : 'proposal-view-summary'} role="status">
        {VIEW_SUMMARY[view]}
      </p>
    </div>
  );
}

/** The workspace's class for a view: amendments.css hides and flattens proposals by it. */
export function proposalViewClass(view: ProposalView): string {
  return `proposals-view-${view}`;
}
