import { LIVE } from '../../../shared/api/versions.js';

/** Client routes of the version pages, built in one place so links and routes agree. */
export const versionPaths = {
  draft: (draftId: string) => `/drafts/${encodeURIComponent(draftId)}`,
  history: (draftId: string) => `/drafts/${encodeURIComponent(draftId)}/history`,
  version: (draftId: string, versionId: string) => `/drafts/${encodeURIComponent(draftId)}/versions/${encodeURIComponent(versionId)}`,
  /** `from` and `to` are version ids or 'live'; `to` defaults to the live draft. */
  compare: (draftId: string, from: string, to: string = LIVE) =>
    `/drafts/${encodeURIComponent(draftId)}/compare?${new URLSearchParams({ from, to }).toString()}`,
};
