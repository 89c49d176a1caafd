import { useDraftConnection } from '../common/collab/useDraftConnection.js';
import { useOrderedClauses, type NumberedClause } from '../common/draft/useOrderedClauses.js';
import { useNegotiation } from './NegotiationContext.js';

export interface LiveClauses {
  /** The live draft's clauses in reading order, numbered against the last published revision. */
  clauses: NumberedClause[];
  /** False until the document's first sync. */
  ready: boolean;
  /** The close code when the server refused the connection, or null. */
  refusedWith: number | null;
}

/**
 * The live draft's clauses for the pages beside the editor (positions matrix, audit log), which name
 * clauses by their current number. Reads the document over its ordinary connection and never writes it.
 * Must be used inside NegotiationProvider for the numbering base (clean numbers otherwise).
 */
export function useLiveClauses(draftId: string): LiveClauses {
  const { connection, state } = useDraftConnection(draftId);
  const numbering = useNegotiation()?.numbering ?? null;
  const clauses = useOrderedClauses(state.everSynced ? (connection?.doc ?? null) : null, numbering);
  return { clauses, ready: state.everSynced, refusedWith: state.refusedWith };
}
