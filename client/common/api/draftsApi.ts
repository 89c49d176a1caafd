import { z } from 'zod';
import { DraftSummary, type DraftTemplate, type UpdateDraftBody } from '../../../shared/api/drafts.js';
import { apiRequest } from './apiRequest.js';

/** Drafts: every member lists and opens them; the secretariat creates, renames and archives. */
export const draftsApi = {
  list: () => apiRequest('GET', '/drafts', { schema: z.array(DraftSummary) }),
  get: (id: string) => apiRequest('GET', `/drafts/${encodeURIComponent(id)}`, { schema: DraftSummary }),
  create: (body: { title: string; template: DraftTemplate }) => apiRequest('POST', '/drafts', { body, schema: DraftSummary }),
  update: (id: string, body: UpdateDraftBody) => apiRequest('PATCH', `/drafts/${encodeURIComponent(id)}`, { body, schema: DraftSummary }),
};
