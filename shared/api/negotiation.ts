import { z } from 'zod';
import { CLAUSE_STATUSES } from '../negotiation/clauseStatus.js';
import { POSITIONS, RESERVATION_TEXT_LENGTH, STATUS_NOTE_LENGTH } from '../negotiation/positions.js';
import { IdSchema } from './common.js';
import { DelegationView } from './delegations.js';

/**
 * The negotiation records the server keeps beside a draft's document (see ../shared/DOMAIN.md): clause status
 * with its history, the delegations' positions, and the audit log of both. Brackets and options are CRDT data
 * in the document itself (shared/doc/schema.ts).
 */

/** Optional free text, trimmed, no control characters but line breaks. */
function note(max: number) {
  return (
    z
      .string()
      .trim()
      .max(max, `At most ${max} characters`)
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), 'Must not contain control characters')
  );
}

/**
 * PUT /api/drafts/:id/clauses/:clauseId/status (secretariat). Agreeing a clause (agreed, agreed ad ref) that
 * still holds undecided proposals or brackets needs `confirm: true`; without it the answer is 409
 * CONFIRMATION_REQUIRED with `details: { proposals, brackets }`, so the page can say how many and ask.
 */
export const SetClauseStatusBody = z.strictObject({
  status: z.enum(CLAUSE_STATUSES),
  note: note(STATUS_NOTE_LENGTH).default(''),
  confirm: z.boolean().optional(),
});
export type SetClauseStatusBody = z.infer<typeof SetClauseStatusBody>;

/** One status change of a clause: the clause's history is the list of these, oldest first. */
export const ClauseStatusEntry = z.object({
  id: z.string(),
  draftId: z.string(),
  clauseId: z.string(),
  status: z.enum(CLAUSE_STATUSES),
  note: z.string(),
  by: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
});
export type ClauseStatusEntry = z.infer<typeof ClauseStatusEntry>;

/**
 * PUT /api/drafts/:id/clauses/:clauseId/positions/:delegationId (delegates of that delegation only).
 * A reservation needs its text; other positions take none.
 */
export const SetPositionBody = z
  .strictObject({
    position: z.enum(POSITIONS),
    text: note(RESERVATION_TEXT_LENGTH).optional(),
  })
  .refine((b) => b.position !== 'reservation' || (b.text ?? '').length > 0, {
    message: 'A reservation needs its text',
    path: ['text'],
  })
  .refine((b) => b.position === 'reservation' || !b.text, {
    message: 'Only a reservation has a text',
    path: ['text'],
  });
export type SetPositionBody = z.infer<typeof SetPositionBody>;

/** A delegation's current position on a clause. DELETE of the same path withdraws it. */
export const PositionView = z.object({
  draftId: z.string(),
  clauseId: z.string(),
  delegation: DelegationView,
  position: z.enum(POSITIONS),
  /** The reservation's text; null for other positions. */
  text: z.string().nullable(),
  by: z.object({ id: z.string(), name: z.string() }),
  at: z.string(),
});
export type PositionView = z.infer<typeof PositionView>;

/** POST /api/drafts/:id/clauses/:clauseId/settle (secretariat): settle the clause's group of options on one. */
export const SettleOptionBody = z.strictObject({ optionId: IdSchema });
export type SettleOptionBody = z.infer<typeof SettleOptionBody>;

/** GET /api/drafts/:id/negotiation (every member who can read the draft): everything a page needs at once. */
export const NegotiationState = z.object({
  /** Every status change of every clause, oldest first (the current status is a clause's last entry). */
  statuses: z.array(ClauseStatusEntry),
  /** Current positions. */
  positions: z.array(PositionView),
  /** Every delegation, by name (brackets carry delegation ids; the matrix has a column for each). */
  delegations: z.array(DelegationView),
  /** Numbers of the last published revision (clause id -> number), or null before the first publication. */
  numbering: z.record(z.string(), z.string()).nullable(),
  /** N of that revision, or null. */
  numberingRevision: z.number().int().positive().nullable(),
});
export type NegotiationState = z.infer<typeof NegotiationState>;

/** Actions of the negotiation audit log. */
export const NEGOTIATION_ACTIONS = [
  'clause.status',
  'clause.position',
  'clause.position.withdrawn',
  'clause.settle',
  'bracket.added',
  'bracket.lifted',
  'option.added',
  /** A delegation's proposal (amendment) first seen in the text; the entry's target is the proposal id. */
  'amendment.proposed',
  'amendment.accepted',
  'amendment.rejected',
  /** Rejected by a delegate of the proposing delegation. */
  'amendment.withdrawn',
] as const;
export type NegotiationAction = (typeof NEGOTIATION_ACTIONS)[number];

/** Entries in one page of the audit log when the request names no limit, and the most one page holds. */
export const AUDIT_PAGE_SIZE = 100;
export const AUDIT_PAGE_MAX = 500;

/**
 * GET /api/drafts/:id/audit?before=&limit= (secretariat): one page of the draft's negotiation audit log,
 * newest first: `limit` entries (@default AUDIT_PAGE_SIZE, at most AUDIT_PAGE_MAX) numbered below `before`
 * (@default from the newest). The next page: `before` = the last entry's id. A page shorter than `limit`
 * is the last one.
 */
export const AuditQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(AUDIT_PAGE_MAX).default(AUDIT_PAGE_SIZE),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/** An entry of the audit log. */
export const AuditEntryView = z.object({
  /** Its place in the workspace's audit log (ascending with time; not every number belongs to this draft). */
  id: z.number().int().positive(),
  at: z.string(),
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** The actor's delegation name then, or null. */
  delegation: z.string().nullable(),
  action: z.enum(NEGOTIATION_ACTIONS),
  clauseId: z.string().nullable(),
  /** Human-readable detail: "Agreed ad ref — note", "Reservation: …", "Accepted the insertion of “…” (Norway)". */
  detail: z.string(),
});
export type AuditEntryView = z.infer<typeof AuditEntryView>;
