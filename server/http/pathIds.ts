import type { ErrorCode } from '../../shared/errors.js';
import { isId } from '../../shared/ids.js';
import { AppError } from '../domain/AppError.js';

/**
 * An id taken from a URL path. Anything that cannot be an id this system issued (`..`, encoded slashes,
 * `__proto__`, over-long or odd Unicode) is answered like an id that does not exist: `code`, a 404.
 */
function pathId(value: unknown, code: ErrorCode, message: string): string {
  if (!isId(value)) throw new AppError(code, message);
  return value;
}

export const draftIdParam = (value: unknown) => pathId(value, 'DRAFT_NOT_FOUND', 'No such draft.');
export const versionIdParam = (value: unknown) => pathId(value, 'VERSION_NOT_FOUND', 'No such version in this draft.');
export const commentIdParam = (value: unknown) => pathId(value, 'COMMENT_NOT_FOUND', 'No such comment in this draft.');
export const clauseIdParam = (value: unknown) => pathId(value, 'CLAUSE_NOT_FOUND', 'No such clause in this draft.');
export const memberIdParam = (value: unknown) => pathId(value, 'MEMBER_NOT_FOUND', 'No such member.');
export const delegationIdParam = (value: unknown) => pathId(value, 'DELEGATION_NOT_FOUND', 'No such delegation.');
export const sessionIdParam = (value: unknown) => pathId(value, 'SESSION_NOT_FOUND', 'No such session.');
export const amendmentIdParam = (value: unknown) => pathId(value, 'AMENDMENT_NOT_FOUND', 'No such proposal in this draft.');
