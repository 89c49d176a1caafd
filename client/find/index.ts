/** Find in this draft, public entry: the Find bar of the draft page, and the clause editors' match highlights. */
export { FindInDraft } from './FindInDraft.js';
export { FindHighlights } from './findHighlights.js';
