import type { DraftEvent } from '../../shared/api/events.js';
import type { NegotiationState } from '../../shared/api/negotiation.js';

/**
 * The negotiation state after one event of the draft's stream (or the answer to this page's own change,
 * wrapped as the event it will also arrive as). Applying the same event twice changes nothing, so an
 * answer and its echo on the stream, or events replayed over a fresh load, are harmless. Events about
 * anything else return the state unchanged (same object).
 */
export function applyNegotiationEvent(state: NegotiationState, event: DraftEvent): NegotiationState {
  switch (event.type) {
    case 'clause.status': {
      if (state.statuses.some((entry) => entry.id === event.entry.id)) return state;
      return { ...state, statuses: [...state.statuses, event.entry] };
    }
    case 'position.changed': {
      const { clauseId, delegation } = event.position;
      const others = state.positions.filter((p) => !(p.clauseId === clauseId && p.delegation.id === delegation.id));
      const delegations = state.delegations.some((d) => d.id === delegation.id) ? state.delegations : [...state.delegations, delegation];
      return { ...state, positions: [...others, event.position], delegations };
    }
    case 'position.withdrawn': {
      const positions = state.positions.filter((p) => !(p.clauseId === event.clauseId && p.delegation.id === event.delegationId));
      return positions.length === state.positions.length ? state : { ...state, positions };
    }
    case 'numbering.changed':
      return { ...state, numbering: event.numbering, numberingRevision: event.revision };
    default:
      return state;
  }
}
