import { z } from 'zod';
import { CompareResult, RestoreResult, VersionDetail, VersionView } from '../../shared/api/versions.js';
import { apiRequest } from '../common/api/apiRequest.js';

const base = (draftId: string) => `/drafts/${encodeURIComponent(draftId)}`;
const one = (draftId: string, versionId: string) => `${base(draftId)}/versions/${encodeURIComponent(versionId)}`;

/**
 * Versions of a draft: every member lists, opens and compares them; delegates and the secretariat save
 * them; the secretariat publishes (Rev.N) and restores. The server enforces all of it.
 */
export const versionsApi = {
  /** Newest first. */
  list: (draftId: string) => apiRequest('GET', `${base(draftId)}/versions`, { schema: z.array(VersionView) }),
  /** Saves the live draft as a named version. */
  create: (draftId: string, label: string) => apiRequest('POST', `${base(draftId)}/versions`, { body: { label }, schema: VersionView }),
  /** The version and its text, for the read-only view. */
  get: (draftId: string, versionId: string) => apiRequest('GET', one(draftId, versionId), { schema: VersionDetail }),
  rename: (draftId: string, versionId: string, label: string) =>
    apiRequest('PATCH', one(draftId, versionId), { body: { label }, schema: VersionView }),
  remove: (draftId: string, versionId: string) => apiRequest('DELETE', one(draftId, versionId)),
  publish: (draftId: string, versionId: string) => apiRequest('POST', `${one(draftId, versionId)}/publish`, { schema: VersionView }),
  /** Answers once the restored text is durable; the live draft's text before it is saved as `backup`. */
  restore: (draftId: string, versionId: string) => apiRequest('POST', `${one(draftId, versionId)}/restore`, { schema: RestoreResult }),
  /** `from` and `to` are version ids or 'live'. */
  compare: (draftId: string, from: string, to: string) =>
    apiRequest('GET', `${base(draftId)}/compare?${new URLSearchParams({ from, to }).toString()}`, { schema: CompareResult }),
};
