import { z } from 'zod';
import { IdSchema } from './common.js';
import { CLAUSE_PROPOSAL_KINDS } from '../amendments/clauseProposals.js';
import { PROPOSAL_KINDS } from '../amendments/proposals.js';

/** Passages proposed for insertion or deletion, and whole clauses proposed as new or for deletion. */
export const AMENDMENT_KINDS = [...PROPOSAL_KINDS, ...CLAUSE_PROPOSAL_KINDS] as const;

/**
 * Proposals (amendments) in a draft's text, and the secretariat's decisions on them. The proposals live in
 * the document (insertion and deletion marks, shared/amendments/proposals.ts); these are the REST views.
 */

/** GET /api/drafts/:id/amendments: one entry per undecided proposal in the reading order. */
export const AmendmentView = z.object({
  id: z.string(),
  clauseId: z.string(),
  delegationId: z.string(),
  kind: z.enum(AMENDMENT_KINDS),
  /** The proposed (or proposed-for-deletion) text, "\n" between paragraphs (a clause's: its heading and text). */
  text: z.string(),
  /** Present (true) on a proposal in the clause's heading; absent on one in its body or on a whole clause. */
  inHeading: z.literal(true).optional(),
  /** When the server first saw it (ISO time). */
  createdAt: z.string(),
});
export type AmendmentView = z.infer<typeof AmendmentView>;

/**
 * POST /api/drafts/:id/amendments/accept and /reject: bulk, for one clause, one delegation, both, or the whole
 * draft (empty body). The answer says how many proposals were decided.
 */
export const BulkDecisionBody = z.strictObject({
  clauseId: IdSchema.optional(),
  delegationId: IdSchema.optional(),
});
export type BulkDecisionBody = z.infer<typeof BulkDecisionBody>;

/** The answer to a decision, single or bulk: the proposals decided. */
export const DecisionResult = z.object({ decided: z.array(z.string()) });
export type DecisionResult = z.infer<typeof DecisionResult>;
