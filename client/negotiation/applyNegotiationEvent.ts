import type { DraftEvent } from '../../shared/api/events.js';
import type { ClauseStatusEntry, NegotiationState } from '../../shared/api/negotiation.js';

/** The page's negotiation state: the API's, plus when each position was last withdrawn (clause/delegation). */
export type LiveNegotiationState = NegotiationState & { withdrawals?: Readonly<Record<string, string>> };

/**
 * The negotiation state after one event of the draft's stream (or the answer to this page's own change,
 * wrapped as the event it will also arrive as). Applying the same event twice changes nothing, so an
 * answer and its echo on the stream, or events replayed over a fresh load, are harmless. An answer that
 * arrives after newer events of the stream never wins over them: status changes are kept in the order they
 * were recorded (`at`), and a position is replaced or withdrawn only by something at least as recent.
 * Events about anything else return the state unchanged (same object).
 */
export function applyNegotiationEvent<S extends LiveNegotiationState>(state: S, event: DraftEvent): S {
  switch (event.type) {
    case 'clause.status': {
      if (state.statuses.some((entry) => entry.id === event.entry.id)) return state;
      return { ...state, statuses: insertByTime(state.statuses, event.entry) };
    }
    case 'position.changed': {
      const { clauseId, delegation, at } = event.position;
      const key = placeKey(clauseId, delegation.id);
      const existing = state.positions.find((p) => p.clauseId === clauseId && p.delegation.id === delegation.id);
      if (existing && existing.at > at) return state;
      const withdrawnAt = state.withdrawals?.[key];
      if (withdrawnAt !== undefined && withdrawnAt >= at) return state;
      const others = state.positions.filter((p) => p !== existing);
      const delegations = state.delegations.some((d) => d.id === delegation.id) ? state.delegations : [...state.delegations, delegation];
      return { ...state, positions: [...others, event.position], delegations };
    }
    case 'position.withdrawn': {
      const key = placeKey(event.clauseId, event.delegationId);
      const withdrawnAt = state.withdrawals?.[key];
      const withdrawals =
        withdrawnAt !== undefined && withdrawnAt >= event.at ? state.withdrawals : { ...state.withdrawals, [key]: event.at };
      const positions = state.positions.filter(
        (p) => !(p.clauseId === event.clauseId && p.delegation.id === event.delegationId && p.at <= event.at),
      );
      if (positions.length === state.positions.length && withdrawals === state.withdrawals) return state;
      return { ...state, positions, withdrawals };
    }
    case 'numbering.changed':
      return { ...state, numbering: event.numbering, numberingRevision: event.revision };
    default:
      return state;
  }
}

function placeKey(clauseId: string, delegationId: string): string {
  return `${clauseId}/${delegationId}`;
}

/** `entries` with `entry` after every entry recorded at the same time or before it (ISO times compare as text). */
function insertByTime(entries: readonly ClauseStatusEntry[], entry: ClauseStatusEntry): ClauseStatusEntry[] {
  let index = entries.length;
  while (index > 0 && entries[index - 1]!.at > entry.at) index -= 1;
  return [...entries.slice(0, index), entry, ...entries.slice(index)];
}
