import { z } from 'zod';
import { CLAUSE_KINDS } from '../doc/schema.js';

/**
 * The one intermediate model every export goes through (Markdown, HTML, DOCX, PDF, Akoma Ntoso, JSON)
 * and that comparisons and read-only views read: a draft's text at one moment, already sanitised
 * (only the nodes and marks below survive; links only http, https and mailto).
 *
 * It is plain data, so the same version always yields the same DraftText and so the same bytes.
 */

/** Inline formatting. Links carry an already-checked href. */
export const Mark = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold') }),
  z.object({ type: z.literal('italic') }),
  z.object({ type: z.literal('link'), href: z.string() }),
]);
export type Mark = z.infer<typeof Mark>;

/** A run of text with the same marks (in the order bold, italic, link). */
export const Inline = z.object({ text: z.string(), marks: z.array(Mark) });
export type Inline = z.infer<typeof Inline>;

export interface ParagraphBlock {
  type: 'paragraph';
  content: Inline[];
}
export interface ListBlock {
  type: 'bulletList' | 'orderedList';
  /** Each item is a sequence of blocks (a paragraph, possibly followed by a nested list). */
  items: Block[][];
}
export type Block = ParagraphBlock | ListBlock;

export const Block: z.ZodType<Block> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.object({ type: z.literal('paragraph'), content: z.array(Inline) }),
    z.object({ type: z.enum(['bulletList', 'orderedList']), items: z.array(z.array(Block)) }),
  ]),
);

export const ClauseText = z.object({
  /** The clause's stable id (never changes, whatever its number). */
  id: z.string(),
  kind: z.enum(CLAUSE_KINDS),
  /** Display number as derived in reading order (PP1, OP3 ...); null for sections. */
  number: z.string().nullable(),
  heading: z.string(),
  blocks: z.array(Block),
});
export type ClauseText = z.infer<typeof ClauseText>;

export const DraftText = z.object({
  /** Format version of this model, for readers of the JSON export. */
  format: z.literal('draft-text/1'),
  draftId: z.string(),
  title: z.string(),
  /** "Rev.2" for a published revision; null for a version that was not published or the live draft. */
  revision: z.string().nullable(),
  /** The version's label ("Before the plenary", "Automatic snapshot" ...), or null for the live draft. */
  versionLabel: z.string().nullable(),
  /** When the version was taken (ISO 8601, UTC); exports print it, so it never comes from the clock at export time. */
  date: z.string(),
  clauses: z.array(ClauseText),
});
export type DraftText = z.infer<typeof DraftText>;
