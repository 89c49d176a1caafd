import type { ApiError } from '../common/api/ApiError.js';

/**
 * An error of a status or position change in plain words. The server's messages are already written for
 * people; these few codes get words that say what to do about them on this page.
 */
export function describeNegotiationError(error: ApiError): string {
  switch (error.code) {
    case 'CLAUSE_NOT_FOUND':
      return 'This clause is no longer in the draft (someone deleted it). Nothing was recorded.';
    case 'FORBIDDEN':
      return 'You are not allowed to make this change. Nothing was recorded.';
    case 'DRAFT_NOT_FOUND':
      return 'This draft is no longer available. Nothing was recorded.';
    case 'NETWORK_FAILED':
      return 'The server could not be reached, so nothing was recorded. Check your connection and try again; your text is still here.';
    default:
      return error.message;
  }
}
