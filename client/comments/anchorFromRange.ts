import type { EditorState } from '@tiptap/pm/state';
import { absolutePositionToRelativePosition } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { COMMENT_LIMITS, type CommentAnchor } from '../../shared/api/comments.js';
import { encodeAnchorPosition } from '../../shared/comments/commentAnchor.js';
import { syncBinding } from './commentHighlights.js';

const BLANK = /^\s*$/;

/** The quoted passage as it is kept with the thread: at most COMMENT_LIMITS.quoteLength characters. */
export function quoteOf(text: string): string {
  const limit = COMMENT_LIMITS.quoteLength;
  return text.length > limit ? `${text.slice(0, limit - 1)}…` : text;
}

/**
 * A comment anchor on the passage between two positions of an editor bound to a clause body, or null when
 * the range holds no text. Leading and trailing spaces are left out. Both ends become Yjs relative positions
 * (y-prosemirror's absolutePositionToRelativePosition); the start is then tied to the passage's first
 * character and the end to its last, so text typed just before or just after the passage stays outside it,
 * and when the whole passage is deleted both ends fall together.
 */
export function anchorFromRange(state: EditorState, from: number, to: number): CommentAnchor | null {
  const binding = syncBinding(state);
  if (!binding) return null;
  const charAt = (pos: number) => state.doc.textBetween(pos, pos + 1, '\n');
  while (from < to && BLANK.test(charAt(from))) from += 1;
  while (to > from && BLANK.test(charAt(to - 1))) to -= 1;
  const text = state.doc.textBetween(from, to, '\n');
  if (to <= from || BLANK.test(text)) return null;

  const end = absolutePositionToRelativePosition(to, binding.type, binding.mapping) as Y.RelativePosition;
  let start = absolutePositionToRelativePosition(from, binding.type, binding.mapping) as Y.RelativePosition;
  const startAt = Y.createAbsolutePositionFromRelativePosition(start, binding.doc);
  if (startAt && startAt.type instanceof Y.XmlText) start = Y.createRelativePositionFromTypeIndex(startAt.type, startAt.index, 0);
  return { start: encodeAnchorPosition(start), end: encodeAnchorPosition(end), quote: quoteOf(text) };
}
