/** Client routes of the negotiation pages, built in one place so links and routes agree. */
export const negotiationPaths = {
  positions: (draftId: string) => `/drafts/${encodeURIComponent(draftId)}/positions`,
  audit: (draftId: string) => `/drafts/${encodeURIComponent(draftId)}/audit`,
};
