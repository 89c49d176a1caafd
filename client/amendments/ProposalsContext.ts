import { createContext, useContext } from 'react';
import type { Decision } from '../../shared/amendments/decideProposals.js';
import type { Amendment } from '../../shared/amendments/clauseProposals.js';
import type { MeResponse } from '../../shared/api/session.js';
import type { DecisionScope } from './groupProposals.js';

/** The proposals panel's element id, for aria-controls on the button that opens it. */
export const PROPOSALS_PANEL_ID = 'proposals-panel';

export interface ProposalsPanelState {
  open: boolean;
  /** The proposal picked in the panel or in the text: outlined in the text, highlighted in the panel. */
  selectedId: string | null;
  /** Asks the panel to bring the selected proposal (or its heading) into view and focus; a new token asks again. */
  focusToken: number;
}

/**
 * What the draft page knows and does about its proposals; the functions keep their identity for the life of
 * the page. A new value whenever the proposals change (while a delegate types, up to four times a second).
 */
export interface ProposalsContextValue {
  draftId: string;
  me: MeResponse | null;
  /** The undecided proposals (on passages and on whole clauses), clause by clause in reading order, live from the document. */
  proposals: Amendment[];
  /** Per clause id: how many proposals. */
  byClause: Readonly<Record<string, number>>;
  /** A delegation's name, or null while not known. */
  nameOf: (delegationId: string) => string | null;
  /** Accepts or rejects (withdraws) one proposal; rejects with an ApiError when the server refuses. */
  decide: (proposal: Amendment, decision: Decision) => Promise<void>;
  /** Accepts or rejects every proposal in a scope; resolves with how many were decided. */
  decideMany: (scope: DecisionScope, decision: Decision) => Promise<number>;
  /** The last decision's outcome, in words, for a live region. */
  announcement: string;
}

/**
 * The proposals panel's state and what opens, closes and points it; a context of its own, so what only needs
 * the panel (the workspace's layout) does not re-render while proposals change.
 */
export interface ProposalsPanelContextValue {
  panel: ProposalsPanelState;
  /** Opens the panel (closing the comments panel, which shares its place), optionally on one proposal. */
  openPanel: (selectId?: string) => void;
  closePanel: () => void;
  /** Picks a proposal (null: none); with `focus`, the panel brings it into view and focus. */
  select: (proposalId: string | null, focus?: boolean) => void;
}

/** Provided by AmendmentsProvider on the draft page. */
export const ProposalsContext = createContext<ProposalsContextValue | null>(null);
export const ProposalsPanelContext = createContext<ProposalsPanelContextValue | null>(null);

/** The draft's proposals, or null outside AmendmentsProvider (then nothing about proposals shows). */
export function useProposals(): ProposalsContextValue | null {
  return useContext(ProposalsContext);
}

/** The proposals panel, or null outside AmendmentsProvider. */
export function useProposalsPanel(): ProposalsPanelContextValue | null {
  return useContext(ProposalsPanelContext);
}
