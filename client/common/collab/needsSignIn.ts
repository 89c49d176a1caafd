import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';

const SIGN_IN_CODES: ReadonlySet<number> = new Set([CLOSE_CODE.UNAUTHENTICATED, CLOSE_CODE.SESSION_ENDED]);

/**
 * True for the final close codes a fresh sign-in cures (no session, session ended). After the others
 * (no access, no such draft ...) nothing typed on the page could ever be saved.
 */
export function needsSignIn(code: number): boolean {
  return SIGN_IN_CODES.has(code);
}
