import type * as Y from 'yjs';
import type { CommentAnchor } from '../../shared/api/comments.js';
import { readClause } from '../../shared/doc/readClause.js';
import { useYjsVersion } from '../common/collab/useYjsVersion.js';
import { isPassagePresent } from './isPassagePresent.js';

export interface ThreadQuoteProps {
  doc: Y.Doc;
  clauseId: string;
  anchor: CommentAnchor;
  /** Shows the passage in the text (scrolls to it). */
  onShow: () => void;
}

/**
 * The passage a thread is about, as it was quoted when the thread began. While the passage is still in
 * the text, the quote is a button that shows it there; once it has been deleted the quote stays, marked
 * "Passage deleted". Follows the clause text live.
 */
export function ThreadQuote({ doc, clauseId, anchor, onShow }: ThreadQuoteProps) {
  useYjsVersion(readClause(doc, clauseId)?.body ?? null, true);
  const present = isPassagePresent(doc, clauseId, anchor);
  if (!present) {
    return (
      <figure className="thread-quote thread-quote-gone">
        <figcaption className="thread-quote-note">Passage deleted</figcaption>
        <blockquote className="thread-quote-text">{anchor.quote}</blockquote>
      </figure>
    );
  }
  return (
    <figure className="thread-quote">
      <button type="button" className="thread-quote-button" onClick={onShow} title="Show this passage in the text">
        <span className="visually-hidden">Show in the text the passage: </span>
        <span className="thread-quote-text">{anchor.quote}</span>
      </button>
    </figure>
  );
}
