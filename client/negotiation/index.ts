/**
 * The negotiation feature's public entry: the provider, bars and markers the draft page shows, who may do
 * what, and the negotiation API and paths. The positions and audit pages are not exported here: only the
 * router (App.tsx) names page modules, so they stay in chunks of their own.
 */
export { ClauseNegotiationBar } from './ClauseNegotiationBar.js';
export { ClauseSelectionBar } from './ClauseSelectionBar.js';
export { useNegotiation } from './NegotiationContext.js';
export { NegotiationProvider } from './NegotiationProvider.js';
export { negotiationApi } from './negotiationApi.js';
export { negotiationPaths } from './negotiationPaths.js';
export { bracketDelegation, mayReadAudit } from './negotiationPermissions.js';
export { OutlineStatusMarker } from './OutlineStatusMarker.js';
export { useVisibleClauses } from './useVisibleClauses.js';
