/** The only link schemes an export keeps: web pages and e-mail addresses. */
export const SAFE_LINK_PROTOCOLS: readonly string[] = ['http:', 'https:', 'mailto:'];

/** Longest href kept; longer ones are dropped rather than cut, since a cut URL points somewhere else. */
export const MAX_HREF_LENGTH = 2048;

/**
 * The href of a link as exports may write it, or null when the link must be dropped (its text stays).
 * Only absolute http:, https: and mailto: URLs pass, parsed with the WHATWG URL parser the browsers use, so
 * `javascript:`, `data:`, `vbscript:`, relative and protocol-relative (`//host`) links, and tricks such as
 * "java\tscript:" or upper case schemes are all judged as a browser would judge them.
 * The URL's serialisation is returned (percent-encoded, lower-case scheme and host), never the raw input.
 */
export function safeHref(raw: unknown): string | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_HREF_LENGTH) return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return null;
  }
  if (!SAFE_LINK_PROTOCOLS.includes(url.protocol)) return null;
  if (url.protocol !== 'mailto:' && url.hostname === '') return null;
  // Opaque paths (mailto:) keep spaces, quotes and angle brackets as typed; encode them so an href never
  // needs more than attribute escaping in any format.
  const href = url.href.replace(UNSAFE_IN_HREF, percentEncode);
  return href.length <= MAX_HREF_LENGTH ? href : null;
}

const UNSAFE_IN_HREF = /[\s"'<>\\^`{|}]/g;

function percentEncode(ch: string): string {
  return [...new TextEncoder().encode(ch)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join('');
}
