/**
 * Every error the REST API can answer with: a stable machine code and its HTTP status.
 * Clients branch on `code`, never on the message text. Body shape: `{ error: { code, message } }`.
 */
export const ERROR_STATUS = {
  MALFORMED_JSON: 400,
  /** The body could not be read as sent: compressed data cut short or not what Content-Encoding names, or shorter than Content-Length. */
  MALFORMED_BODY: 400,
  VALIDATION_FAILED: 400,
  BAD_ANCHOR: 400,
  FORBIDDEN_KEY: 400,
  /** The `format` asked for is not one this export offers (see shared/export/exportFormats.ts). */
  UNSUPPORTED_FORMAT: 400,
  /**
   * A draft's participants name delegations or members that do not exist; `details` lists them
   * ({ delegationIds, memberIds }, the unknown ones only). Nothing was changed.
   */
  UNKNOWN_PARTICIPANTS: 400,
  UNSUPPORTED_MEDIA_TYPE: 415,
  INVALID_CREDENTIALS: 401,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  BAD_ORIGIN: 403,
  NOT_FOUND: 404,
  DRAFT_NOT_FOUND: 404,
  MEMBER_NOT_FOUND: 404,
  DELEGATION_NOT_FOUND: 404,
  INVITATION_INVALID: 404,
  CLAUSE_NOT_FOUND: 404,
  COMMENT_NOT_FOUND: 404,
  /** No session of the signed-in member has this id (another member's sessions are not found either). */
  SESSION_NOT_FOUND: 404,
  /** No such version in this draft (also for a version of another draft). */
  VERSION_NOT_FOUND: 404,
  EMAIL_TAKEN: 409,
  DELEGATION_EXISTS: 409,
  LAST_SECRETARIAT: 409,
  COMMENT_DELETED: 409,
  CLAUSE_DELETED: 409,
  /** The version is already a published revision; it keeps its number. */
  ALREADY_PUBLISHED: 409,
  /** A published revision never changes: no rename, no deletion. */
  REVISION_IMMUTABLE: 409,
  /** The draft kept changing while a restore tried to save its current state first; nothing was restored. */
  DRAFT_BUSY: 409,
  /** A clause status change that is not allowed (the same status again, or reopening text that is not agreed). */
  INVALID_STATUS_CHANGE: 409,
  /** Settling on a clause that is not an option of this clause's group. */
  NOT_AN_OPTION: 409,
  /** No such proposal (amendment) in this draft: never made, or already decided and gone from the text. */
  AMENDMENT_NOT_FOUND: 404,
  /** The proposal was already accepted or rejected (or withdrawn). */
  AMENDMENT_DECIDED: 409,
  /** The clause is agreed (or agreed ad ref): its text, and the proposals on it, are locked until it is reopened. */
  CLAUSE_LOCKED: 409,
  /**
   * Setting a clause to agreed while it still holds undecided proposals or brackets needs `confirm: true`;
   * `details` says how many ({ proposals, brackets }).
   */
  CONFIRMATION_REQUIRED: 409,
  /**
   * The draft is archived, so it is read-only: its text, comments, versions, negotiation and proposals do not
   * change (reading, exporting and comparing still work). The secretariat may still rename it and restore it.
   */
  DRAFT_ARCHIVED: 409,
  PAYLOAD_TOO_LARGE: 413,
  /** A new password that is too easy to guess (common, a sequence or repetition, or the member's own name or email). */
  WEAK_PASSWORD: 400,
  TOO_MANY_ATTEMPTS: 429,
  /** Too many passwords are being checked at once; try again after Retry-After. Nothing was evaluated. */
  SIGN_IN_BUSY: 429,
  TOO_MANY_STREAMS: 429,
  INTERNAL: 500,
  /** A version's saved snapshot is missing or damaged on disk. */
  VERSION_UNREADABLE: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The JSON body of every error response. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; details?: unknown };
}
