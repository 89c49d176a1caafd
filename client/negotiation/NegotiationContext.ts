import { createContext, useContext } from 'react';
import type {
  ClauseStatusEntry,
  NegotiationState,
  PositionView,
  SetClauseStatusBody,
  SetPositionBody,
} from '../../shared/api/negotiation.js';
import type { MeResponse } from '../../shared/api/session.js';
import type { NumberingBase } from '../../shared/doc/numberClauses.js';
import type { ClauseStatus } from '../../shared/negotiation/clauseStatus.js';
import type { ApiError } from '../common/api/ApiError.js';
import type { ClauseSelection } from './clauseVisibility.js';

/** Changes this page makes; each resolves once the server has recorded it (and the page shows it), or rejects with an ApiError. */
export interface NegotiationActions {
  setStatus: (clauseId: string, body: SetClauseStatusBody) => Promise<ClauseStatusEntry>;
  setPosition: (clauseId: string, delegationId: string, body: SetPositionBody) => Promise<PositionView>;
  withdrawPosition: (clauseId: string, delegationId: string) => Promise<void>;
}

export interface NegotiationContextValue {
  draftId: string;
  me: MeResponse | null;
  /** Null until the first load arrives. */
  state: NegotiationState | null;
  /** Why the last load failed, or null. */
  error: ApiError | null;
  reload: () => void;
  /** The numbers of the last published revision, to number the live draft against; null before any. */
  numbering: NumberingBase | null;
  /** A clause's current status ('open' when never set). */
  statusOf: (clauseId: string) => ClauseStatus;
  /** A clause's status changes, oldest first. */
  historyOf: (clauseId: string) => ClauseStatusEntry[];
  /** The delegations' current positions on a clause. */
  positionsOf: (clauseId: string) => PositionView[];
  /** Which clauses the draft page lists, and how. */
  selection: ClauseSelection;
  setSelection: (change: Partial<ClauseSelection>) => void;
  actions: NegotiationActions;
}

/** Provided by NegotiationProvider on the draft page and the positions matrix. */
export const NegotiationContext = createContext<NegotiationContextValue | null>(null);

/**
 * The draft's negotiation state and actions, or null outside NegotiationProvider (then clause cards and
 * the outline simply show no status or position controls, and numbering is clean).
 */
export function useNegotiation(): NegotiationContextValue | null {
  return useContext(NegotiationContext);
}
