import { z } from 'zod';
import type { SettleOptionBody } from '../../shared/api/negotiation.js';
import { apiRequest } from './apiRequest.js';

/** What POST …/settle answers: the option the clause was settled on. */
const SettledView = z.object({ settled: z.string() });

/**
 * Negotiation calls on the draft's text. Settling goes through the server (secretariat only), which edits the
 * live document, so everyone sees the result arrive through the document itself.
 */
export const negotiationApi = {
  /** Settles the clause's group of options on `optionId` (an option of the same group). */
  settle: (draftId: string, clauseId: string, body: SettleOptionBody) =>
    apiRequest('POST', `/drafts/${encodeURIComponent(draftId)}/clauses/${encodeURIComponent(clauseId)}/settle`, {
      body,
      schema: SettledView,
    }),
};
