import { createContext, useContext } from 'react';
import type { EditingMode } from '../../shared/api/drafts.js';
import type { ProposalView } from '../../shared/amendments/proposals.js';

/**
 * How the draft page edits and shows proposals: the draft's editing mode (live), which text the page shows
 * (every proposal, the accepted text, or the text as if every proposal were accepted), and the delegation
 * this member proposes for. Provided on the draft page; outside it (versions, tests) everything is direct.
 */
export interface AmendmentsContextValue {
  editingMode: EditingMode;
  /** The text shown: editing happens only in the 'all' view. */
  view: ProposalView;
  setView: (view: ProposalView) => void;
  /**
   * The delegation id this member's typing proposes for: set for a delegate with a delegation on a draft in
   * amendments mode, null otherwise (the secretariat, and everyone in direct mode, edit directly).
   */
  proposeAs: string | null;
}

export const DIRECT_EDITING: AmendmentsContextValue = { editingMode: 'direct', view: 'all', setView: () => {}, proposeAs: null };

export const AmendmentsContext = createContext<AmendmentsContextValue>(DIRECT_EDITING);

export function useAmendments(): AmendmentsContextValue {
  return useContext(AmendmentsContext);
}
