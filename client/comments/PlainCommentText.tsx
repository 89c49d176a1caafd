import type { ReactNode } from 'react';

/** Web addresses in comment text. Only http and https are ever linked; anything else stays text. */
const URL_PATTERN = /\bhttps?:\/\/[^\s<>"'`]+/gi;
/** Punctuation that ends a sentence rather than the address ("see https://example.org."). */
const TRAILING_PUNCTUATION = /[.,;:!?'"»”’)\]}]+$/;

/** The address as a safe href, or null when it is not a well-formed http(s) URL. */
function safeHref(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Drops closing punctuation after an address, but keeps a ")" the address itself opened (Wikipedia-style). */
function trimAddress(candidate: string): string {
  let address = candidate.replace(TRAILING_PUNCTUATION, '');
  const opened = (address.match(/\(/g) ?? []).length;
  const closed = (address.match(/\)/g) ?? []).length;
  if (opened > closed && candidate.slice(address.length).startsWith(')')) address += ')';
  return address;
}

/**
 * Comment text as people typed it: plain text in React text nodes (so nothing in it can become markup),
 * line breaks kept by CSS (white-space: pre-wrap), and http(s) addresses turned into links that open in a
 * new tab without giving that page a handle on this one.
 */
export function PlainCommentText({ text }: { text: string }) {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(URL_PATTERN)) {
    const start = match.index;
    const address = trimAddress(match[0]);
    const href = safeHref(address);
    if (!href) continue;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(
      <a key={start} href={href} target="_blank" rel="noopener noreferrer">
        {address}
      </a>,
    );
    last = start + address.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return <p className="comment-text">{parts}</p>;
}
