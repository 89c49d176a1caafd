import type { ApiError } from '../common/api/ApiError.js';

/**
 * A refused decision on proposals in plain words, saying what happened and what to do; the server's stable
 * codes (shared/errors.ts) choose the words, never its message's text.
 */
export function describeDecisionError(error: ApiError): string {
  switch (error.code) {
    case 'AMENDMENT_NOT_FOUND':
      return 'This proposal is no longer in the text: it was withdrawn or decided, or its passage was deleted. Nothing was changed.';
    case 'AMENDMENT_DECIDED':
      return 'Someone has already decided this proposal. Nothing was changed.';
    case 'CLAUSE_LOCKED':
      return 'This clause is agreed, so its proposals are locked: the secretariat can decide them once the clause is reopened. Nothing was changed.';
    case 'FORBIDDEN':
      return 'Only the secretariat decides proposals; a delegation may withdraw only its own. Nothing was changed.';
    case 'DRAFT_NOT_FOUND':
      return 'This draft is no longer available. Nothing was changed.';
    case 'NETWORK_FAILED':
      return 'The server could not be reached, so nothing was changed. Check your connection and try again.';
    default:
      return error.message;
  }
}
