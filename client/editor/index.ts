/**
 * The clause editor's public entry: a clause's text (editor or light preview), one line of text drawn as a
 * preview draws it (a heading with proposals), how a caret names its person, and the proposal ids its
 * proposing makes (also used for proposals on whole clauses and in headings).
 */
export { ClauseBody } from './ClauseBody.js';
export { TextPreview } from './FragmentPreview.js';
export { newProposalId } from './proposing/newProposalId.js';
export { caretLabel } from './renderCaret.js';
