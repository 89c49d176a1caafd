/**
 * Node names of a clause body that exports understand: TipTap's names, as y-prosemirror writes them as
 * Y.XmlElement node names. Everything else in a body is dropped on export (see readBlocks).
 * PARAGRAPH_NODE in shared/doc/schema.ts is the same 'paragraph'.
 */
export const BODY_NODE = {
  paragraph: 'paragraph',
  bulletList: 'bulletList',
  orderedList: 'orderedList',
  listItem: 'listItem',
  /** An inline line break (Shift+Enter); exported as a space, since DraftText runs hold one line. */
  hardBreak: 'hardBreak',
} as const;

/** Lists nested deeper than this are dropped: no drafter needs them, and unbounded nesting is a way to exhaust renderers. */
export const MAX_LIST_DEPTH = 6;
