/** Where to go after sign-in when no (usable) return path was given. */
export const DEFAULT_SIGNED_IN_PATH = '/drafts';

/**
 * The `next` query value as a path on this site, or the default. Only plain same-origin paths pass,
 * so a crafted sign-in link cannot send someone to another site after they sign in.
 */
export function safeReturnPath(next: string | null): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return DEFAULT_SIGNED_IN_PATH;
  if (next.startsWith('/sign-in') || next.startsWith('/invitation/')) return DEFAULT_SIGNED_IN_PATH;
  return next;
}
