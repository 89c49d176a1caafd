import type { ErrorCode } from '../../../shared/errors.js';

/** Codes the client adds to the server's: the request never got an answer, or the answer made no sense. */
export type ClientErrorCode = ErrorCode | 'NETWORK_FAILED' | 'UNEXPECTED_RESPONSE';

/**
 * A failed API call. Pages branch on `code` (stable, from shared/errors.ts), never on the message;
 * the message is safe to show because the server writes it for people.
 */
export class ApiError extends Error {
  constructor(
    readonly code: ClientErrorCode,
    message: string,
    readonly status: number,
    /** Seconds the server asked us to wait (429 TOO_MANY_ATTEMPTS), from the Retry-After header. */
    readonly retryAfterSeconds: number | null = null,
    readonly details: unknown = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /**
   * Messages per form field from a VALIDATION_FAILED answer (`details.issues[].path`), so a form can
   * show each next to its input. Empty for every other error.
   */
  fieldErrors(): Record<string, string> {
    const issues = (this.details as { issues?: unknown } | undefined)?.issues;
    const result: Record<string, string> = {};
    if (this.code !== 'VALIDATION_FAILED' || !Array.isArray(issues)) return result;
    for (const issue of issues as Array<{ path?: unknown; message?: unknown }>) {
      if (typeof issue.path === 'string' && typeof issue.message === 'string' && !(issue.path in result)) {
        result[issue.path] = issue.message;
      }
    }
    return result;
  }
}

/** Narrows an unknown caught value to an ApiError, wrapping anything else as an unexpected failure. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  return new ApiError('UNEXPECTED_RESPONSE', 'Something unexpected happened. Please reload the page and try again.', 0);
}
