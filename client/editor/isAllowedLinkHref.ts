/** The link schemes a clause may contain. Anything else (javascript:, data:, file: ...) never becomes a link. */
export const ALLOWED_LINK_PROTOCOLS = ['http:', 'https:', 'mailto:'] as const;

/**
 * True for an absolute http, https or mailto address. The address is parsed the way the browser would
 * follow it (so "java\nscript:" or " JAVASCRIPT:" are recognised for what they are); relative addresses
 * are refused, because a clause is read in exports and e-mails far from this site.
 */
export function isAllowedLinkHref(href: string): boolean {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    return false;
  }
  return (ALLOWED_LINK_PROTOCOLS as readonly string[]).includes(url.protocol);
}
