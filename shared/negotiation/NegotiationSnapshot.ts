import { z } from 'zod';
import { CLAUSE_STATUSES } from './clauseStatus.js';
import { POSITIONS } from './positions.js';

/**
 * What of the negotiation lives outside the document but belongs to a text at one moment: the numbering
 * base (numbers of the last published revision), delegation names (brackets carry delegation ids), clause
 * statuses and positions. The server keeps a copy with every version, so a version's text and exports never
 * change afterwards, and builds one for the live draft.
 */
export const NegotiationSnapshot = z.object({
  /** Clause id -> number in the last published revision before this text; null before any publication. */
  numbering: z.record(z.string(), z.string()).nullable(),
  /** Delegation id -> name. */
  delegations: z.record(z.string(), z.string()),
  /** Clause id -> current status (clauses without an entry are open). */
  statuses: z.record(z.string(), z.object({ status: z.enum(CLAUSE_STATUSES), note: z.string(), at: z.string(), by: z.string() })),
  /** Clause id -> the delegations' positions on it. */
  positions: z.record(
    z.string(),
    z.array(z.object({ delegationId: z.string(), position: z.enum(POSITIONS), text: z.string().nullable() })),
  ),
});
export type NegotiationSnapshot = z.infer<typeof NegotiationSnapshot>;

export const EMPTY_NEGOTIATION: NegotiationSnapshot = { numbering: null, delegations: {}, statuses: {}, positions: {} };
