import { z } from 'zod';
import { AmendmentView, DecisionResult, type BulkDecisionBody } from '../../shared/api/amendments.js';
import type { Decision } from '../../shared/amendments/decideProposals.js';
import { apiRequest } from '../common/api/apiRequest.js';

const base = (draftId: string) => `/drafts/${encodeURIComponent(draftId)}/amendments`;

/**
 * Proposals (amendments) of a draft: everyone lists them; the secretariat accepts or rejects them, one or in
 * bulk; the proposing delegation's delegates may reject (withdraw) their own.
 */
export const amendmentsApi = {
  list: (draftId: string) => apiRequest('GET', base(draftId), { schema: z.array(AmendmentView) }),
  decide: (draftId: string, amendmentId: string, decision: Decision) =>
    apiRequest('POST', `${base(draftId)}/${encodeURIComponent(amendmentId)}/${decision}`, { schema: DecisionResult }),
  decideMany: (draftId: string, scope: BulkDecisionBody, decision: Decision) =>
    apiRequest('POST', `${base(draftId)}/${decision}`, { body: scope, schema: DecisionResult }),
};
