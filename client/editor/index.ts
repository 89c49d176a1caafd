/**
 * The clause editor's public entry: a clause's text (editor or light preview), how a caret names its person,
 * and the proposal ids its proposing makes (also used for proposals on whole clauses).
 */
export { ClauseBody } from './ClauseBody.js';
export { newProposalId } from './proposing/newProposalId.js';
export { caretLabel } from './renderCaret.js';
