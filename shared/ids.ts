/**
 * Identifiers that can end up in URLs and file paths go through these strict patterns.
 * Ids are random, URL-safe base64 alphabet, fixed length: nothing like `..`, `/` or `%` can pass.
 */
export const ID_LENGTH = 16;
export const ID_PATTERN = /^[A-Za-z0-9_-]{16}$/;

/** True when `value` has the shape of an id this system issues (draft, member, delegation, clause ...). */
export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

/** Parses a draft id taken from a URL path; returns null when it does not have the strict shape. */
export function parseDraftId(value: string): string | null {
  return isId(value) ? value : null;
}
