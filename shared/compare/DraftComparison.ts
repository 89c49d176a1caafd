import { z } from 'zod';
import { CLAUSE_PROPOSAL_KINDS } from '../amendments/clauseProposals.js';
import { PROPOSAL_KINDS } from '../amendments/proposals.js';
import { CLAUSE_KINDS } from '../doc/schema.js';
import { Mark } from '../export/DraftText.js';

/**
 * The result of comparing two DraftTexts clause by clause (compareDrafts): what the compare view and a
 * redline export read. Plain data, so the server can send it and the client can check it with these schemas.
 */

/** How a piece of text fares between the two sides: kept, only in the newer side, or only in the older side. */
export const SEGMENT_CHANGES = ['equal', 'inserted', 'deleted'] as const;

/**
 * What became of a proposal (amendments mode) on a piece of text between the two sides:
 * - `pending`: proposed on both sides, still undecided;
 * - `made`: proposed on the newer side only (a proposal made since the older one);
 * - `accepted`: proposed on the older side and accepted since (an insertion's text kept, a deletion's text gone);
 * - `rejected`: proposed on the older side and rejected or withdrawn since (an insertion's text gone, a deletion's text kept).
 */
export const PROPOSAL_FATES = ['pending', 'made', 'accepted', 'rejected'] as const;
export type ProposalFateName = (typeof PROPOSAL_FATES)[number];

/** A proposal on a piece of redline text, with its fate; as DraftText's proposal mark, with `fate` for `type`. */
export const ProposalFate = z.object({
  kind: z.enum(PROPOSAL_KINDS),
  id: z.string(),
  delegationId: z.string(),
  delegation: z.string(),
  fate: z.enum(PROPOSAL_FATES),
});
export type ProposalFate = z.infer<typeof ProposalFate>;

/**
 * A run of text with its inline marks (as on the side it comes from) and its fate in the redline. Proposal
 * marks are not among `marks`: the proposals the text carries on either side are in `proposals`, each with
 * its fate (absent when there are none, so comparisons of texts without proposals read as before).
 */
export const RedlineSegment = z.object({
  text: z.string(),
  marks: z.array(Mark),
  change: z.enum(SEGMENT_CHANGES),
  proposals: z.array(ProposalFate).optional(),
});
export type RedlineSegment = z.infer<typeof RedlineSegment>;

/** One level of list nesting around a paragraph: the list's type and the 1-based item number on its side. */
export const ListLevel = z.object({
  type: z.enum(['bulletList', 'orderedList']),
  item: z.number().int().positive(),
});
export type ListLevel = z.infer<typeof ListLevel>;

/**
 * One paragraph of a clause body in the redline. `changed` paragraphs exist on both sides and carry a
 * word-level redline; `inserted` and `deleted` ones exist on one side only.
 */
export const RedlineParagraph = z.object({
  change: z.enum(['equal', 'changed', 'inserted', 'deleted']),
  /** The lists around the paragraph, outermost first; empty for a plain paragraph. Numbers are as on the side shown (the newer one unless deleted). */
  list: z.array(ListLevel),
  /** True when the paragraph is the first of its (innermost) list item, i.e. where the bullet or number goes. */
  startsItem: z.boolean(),
  segments: z.array(RedlineSegment),
});
export type RedlineParagraph = z.infer<typeof RedlineParagraph>;

/** Where a clause stands on one side: its display number as numbered there, its kind and its place in reading order (0-based). */
export const ClausePlace = z.object({
  number: z.string().nullable(),
  kind: z.enum(CLAUSE_KINDS),
  position: z.number().int().nonnegative(),
});
export type ClausePlace = z.infer<typeof ClausePlace>;

/** What happened to a clause's content: in the newer side only, in the older only, in both but different, or the same. */
export const CLAUSE_CHANGES = ['added', 'removed', 'changed', 'unchanged'] as const;
export type ClauseChange = (typeof CLAUSE_CHANGES)[number];

/**
 * A proposal on a whole clause (a proposed new clause, a proposed deletion) with its fate between the sides,
 * as ProposalFate is for a passage: `accepted` for a proposed clause the newer side keeps or a proposed
 * deletion that took the clause out, `rejected` the other way round.
 */
export const ClauseProposalFate = z.object({
  kind: z.enum(CLAUSE_PROPOSAL_KINDS),
  id: z.string(),
  delegationId: z.string(),
  delegation: z.string(),
  fate: z.enum(PROPOSAL_FATES),
});
export type ClauseProposalFate = z.infer<typeof ClauseProposalFate>;

/** One clause, matched by its id across the two sides. */
export const ClauseComparison = z.object({
  id: z.string(),
  change: z.enum(CLAUSE_CHANGES),
  /** Its place among the clauses both sides have changed (not just its number, which shifts when others come or go). Independent of `change`. */
  moved: z.boolean(),
  /** On the older side; null when added. */
  from: ClausePlace.nullable(),
  /** On the newer side; null when removed. */
  to: ClausePlace.nullable(),
  /** Word-level redline of the heading (headings carry no marks but proposals, which travel with their fates as in a body). */
  heading: z.array(RedlineSegment),
  paragraphs: z.array(RedlineParagraph),
  /** The clause's own proposals on either side with their fates; absent when it has none on either side. */
  proposals: z.array(ClauseProposalFate).optional(),
});
export type ClauseComparison = z.infer<typeof ClauseComparison>;

/** Counts per kind of change; a clause moved and changed at once counts in both `moved` and `changed`. */
export const ComparisonSummary = z.object({
  added: z.number().int(),
  removed: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  moved: z.number().int(),
});
export type ComparisonSummary = z.infer<typeof ComparisonSummary>;

export const DraftComparison = z.object({
  title: z.object({ from: z.string(), to: z.string() }),
  /** In the newer side's reading order; a removed clause sits right after the clause it followed on the older side. */
  clauses: z.array(ClauseComparison),
  summary: ComparisonSummary,
});
export type DraftComparison = z.infer<typeof DraftComparison>;
