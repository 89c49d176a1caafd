/** The clause editor's public entry: a clause's text (editor or light preview), and how a caret names its person. */
export { ClauseBody } from './ClauseBody.js';
export { caretLabel } from './renderCaret.js';
