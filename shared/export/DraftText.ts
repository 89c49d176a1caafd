import { z } from 'zod';
import { CLAUSE_PROPOSAL_KINDS } from '../amendments/clauseProposals.js';
import { PROPOSAL_KINDS } from '../amendments/proposals.js';
import { CLAUSE_KINDS } from '../doc/schema.js';
import { CLAUSE_STATUSES } from '../negotiation/clauseStatus.js';
import { POSITIONS } from '../negotiation/positions.js';

/**
 * The one intermediate model every export goes through (Markdown, HTML, DOCX, PDF, Akoma Ntoso, JSON)
 * and that comparisons and read-only views read: a draft's text at one moment, already sanitised
 * (only the nodes and marks below survive; links only http, https and mailto).
 *
 * It is plain data, so the same version always yields the same DraftText and so the same bytes.
 */

/**
 * Inline formatting. Links carry an already-checked href. A bracket marks text that is not agreed, with the
 * delegation that proposed it (its id, and its name as it was when the text was taken). A proposal marks text
 * a delegation proposes to insert (`kind: 'insertion'`) or accepted text it proposes to delete (`'deletion'`),
 * in amendments mode: the proposal's id, and the delegation's id and name as brackets carry them.
 */
export const Mark = z.discriminatedUnion('type', [
  z.object({ type: z.literal('bold') }),
  z.object({ type: z.literal('italic') }),
  z.object({ type: z.literal('link'), href: z.string() }),
  z.object({ type: z.literal('bracket'), delegationId: z.string(), delegation: z.string() }),
  z.object({
    type: z.literal('proposal'),
    kind: z.enum(PROPOSAL_KINDS),
    id: z.string(),
    delegationId: z.string(),
    delegation: z.string(),
  }),
]);
export type Mark = z.infer<typeof Mark>;

/** A proposal mark: an insertion or a deletion proposed by a delegation. */
export type ProposalMark = Extract<Mark, { type: 'proposal' }>;

/**
 * A run of text with the same marks, in the order bold, italic, link, bracket, then its proposals: an
 * insertion, then a deletion (a run holds at most one of each kind; the server never lets one text carry
 * both, but a document is untrusted, so the model keeps what it holds).
 */
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

/**
 * A proposal on a whole clause (amendments mode): a delegation's proposed new clause (`clause-insertion`) or
 * its proposal to delete the clause (`clause-deletion`), until the secretariat decides it; the proposal's id,
 * and the delegation's id and name as proposal marks carry them.
 */
export const ClauseProposalMark = z.object({
  kind: z.enum(CLAUSE_PROPOSAL_KINDS),
  id: z.string(),
  delegationId: z.string(),
  delegation: z.string(),
});
export type ClauseProposalMark = z.infer<typeof ClauseProposalMark>;

export const ClauseText = z.object({
  /** The clause's stable id (never changes, whatever its number). */
  id: z.string(),
  kind: z.enum(CLAUSE_KINDS),
  /** Display number as derived in reading order (PP1, OP3 ...); null for sections. */
  number: z.string().nullable(),
  /**
   * The heading as one line of plain text. When it holds proposals (`headingContent`), this is its whole text,
   * proposed insertions and deletions included (as a reader that ignores marks reads `blocks`): the
   * concatenation of `headingContent`'s runs.
   */
  heading: z.string(),
  /**
   * The heading's runs, present only when a delegation proposes to change it (amendments mode): its text cut
   * where its proposals start and end, each run carrying its proposal marks and no other mark (a heading is
   * plain text). Absent for every other heading, so the JSON and fingerprint of every text without proposals
   * in a heading read as before (see clauseHeadingRuns).
   */
  headingContent: z.array(Inline).min(1).optional(),
  /** Empty for a "no text" option. */
  blocks: z.array(Block),
  /** For an alternative: the id of its group's first option (Option 1); null otherwise. */
  alternativeTo: z.string().nullable(),
  /** Option `index` of `count` when the clause is in a group of options; null otherwise. */
  option: z.object({ index: z.number().int().positive(), count: z.number().int().positive() }).nullable(),
  /** A "no text" option. */
  noText: z.boolean(),
  /** The clause's status as it was set (by whom, when, with what note); null when never set (open). */
  status: z.object({ status: z.enum(CLAUSE_STATUSES), note: z.string(), at: z.string(), by: z.string() }).nullable(),
  /** The delegations' positions on the clause, ordered by delegation name. */
  positions: z.array(
    z.object({ delegationId: z.string(), delegation: z.string(), position: z.enum(POSITIONS), text: z.string().nullable() }),
  ),
  /**
   * The clause's own proposals (amendments mode), a proposed new clause before a proposed deletion (a
   * delegation may propose deleting another's proposed clause). Present only when there is one, so every other
   * clause (and the JSON and fingerprint of every text without them) reads as before. Proposals on passages of
   * its text are marks in `blocks`, as in any clause.
   */
  proposals: z.array(ClauseProposalMark).min(1).optional(),
});
export type ClauseText = z.infer<typeof ClauseText>;

export const DraftText = z.object({
  /**
   * Format version of this model, for readers of the JSON export. Proposal marks and clause proposals came
   * without a new version: they appear only in texts that hold proposals, so every other text (and its
   * fingerprint) reads as before.
   */
  format: z.literal('draft-text/2'),
  draftId: z.string(),
  title: z.string(),
  /** "Rev.2" for a published revision; null for a version that was not published or the live draft. */
  revision: z.string().nullable(),
  /** The version's label ("Before the plenary", "Automatic snapshot" ...), or null for the live draft. */
  versionLabel: z.string().nullable(),
  /**
   * When the version was taken (ISO 8601, UTC); exports print it, so it never comes from the clock at export
   * time, except for a working text, which is taken at the moment it is exported.
   */
  date: z.string(),
  clauses: z.array(ClauseText),
  /**
   * Present only on the live draft exported as it stands (GET /api/drafts/:id/export): a working text, not a
   * version or revision, with when it was exported (ISO 8601, UTC; equal to `date`). Absent from every
   * version, so their JSON and fingerprints are as before.
   */
  workingText: z.object({ exportedAt: z.string() }).optional(),
});
export type DraftText = z.infer<typeof DraftText>;

/**
 * A clause's heading as runs: its `headingContent` when it holds proposals, else its text as one unmarked run
 * (none for an empty heading), so renderers and comparisons read every heading one way.
 */
export function clauseHeadingRuns(clause: Pick<ClauseText, 'heading' | 'headingContent'>): Inline[] {
  if (clause.headingContent) return clause.headingContent;
  return clause.heading ? [{ text: clause.heading, marks: [] }] : [];
}

/** The negotiation fields of a clause that is in no group of options and has no status or positions. */
export const PLAIN_CLAUSE_FIELDS = {
  alternativeTo: null,
  option: null,
  noText: false,
  status: null,
  positions: [],
} as const satisfies Pick<ClauseText, 'alternativeTo' | 'option' | 'noText' | 'status' | 'positions'>;
