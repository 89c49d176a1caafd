import { z } from 'zod';
import {
  AUDIT_PAGE_SIZE,
  AuditEntryView,
  ClauseStatusEntry,
  NegotiationState,
  PositionView,
  type SetClauseStatusBody,
  type SetPositionBody,
  type SettleOptionBody,
} from '../../shared/api/negotiation.js';
import { apiRequest } from '../common/api/apiRequest.js';

const draft = (draftId: string) => `/drafts/${encodeURIComponent(draftId)}`;
const clause = (draftId: string, clauseId: string) => `${draft(draftId)}/clauses/${encodeURIComponent(clauseId)}`;
const position = (draftId: string, clauseId: string, delegationId: string) =>
  `${clause(draftId, clauseId)}/positions/${encodeURIComponent(delegationId)}`;

/** What POST …/settle answers: the option the clause was settled on. */
const SettledView = z.object({ settled: z.string() });

/**
 * The negotiation records of a draft (status, positions, audit) and settling its options. The server decides
 * who may change what.
 */
export const negotiationApi = {
  /** Statuses with their history, current positions, delegations and the numbering base, for any reader. */
  state: (draftId: string) => apiRequest('GET', `${draft(draftId)}/negotiation`, { schema: NegotiationState }),
  /** Secretariat: a new status of a clause, with a note; the answer is the history entry. */
  setStatus: (draftId: string, clauseId: string, body: SetClauseStatusBody) =>
    apiRequest('PUT', `${clause(draftId, clauseId)}/status`, { body, schema: ClauseStatusEntry }),
  /** A delegate: their delegation's position on a clause. */
  setPosition: (draftId: string, clauseId: string, delegationId: string, body: SetPositionBody) =>
    apiRequest('PUT', position(draftId, clauseId, delegationId), { body, schema: PositionView }),
  /** A delegate: withdraws their delegation's position on a clause. */
  withdrawPosition: (draftId: string, clauseId: string, delegationId: string) =>
    apiRequest('DELETE', position(draftId, clauseId, delegationId)),
  /** Secretariat: a page of the draft's negotiation audit log, newest first: entries numbered below `before` (@default the newest). */
  audit: (draftId: string, before?: number) =>
    apiRequest('GET', `${draft(draftId)}/audit?limit=${AUDIT_PAGE_SIZE}${before === undefined ? '' : `&before=${before}`}`, {
      schema: z.array(AuditEntryView),
    }),
  /**
   * Secretariat: settles the clause's group of options on `optionId` (an option of the same group). The server
   * edits the live document, so everyone sees the result arrive through the document itself.
   */
  settle: (draftId: string, clauseId: string, body: SettleOptionBody) =>
    apiRequest('POST', `${clause(draftId, clauseId)}/settle`, { body, schema: SettledView }),
};
