import { safeHref } from '../../shared/export/safeHref.js';

/**
 * The same rule the exports apply (shared/export/safeHref.ts), so what the editor accepts is what exports keep.
 * True for an absolute http, https or mailto address. The address is parsed the way the browser would
 * follow it (so "java\nscript:" or " JAVASCRIPT:" are recognised for what they are); relative addresses
 * are refused, because a clause is read in exports and e-mails far from this site.
 */
export function isAllowedLinkHref(href: string): boolean {
  return safeHref(href.trim()) !== null;
}
