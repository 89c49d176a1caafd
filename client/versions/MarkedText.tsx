import type { ReactNode } from 'react';
import type { Mark } from '../../shared/export/DraftText.js';
import { UNKNOWN_DELEGATION } from '../../shared/export/readInlines.js';
import { safeHref } from '../../shared/export/safeHref.js';

/**
 * A run of text with its inline marks, as React elements (never HTML). Links keep the href the model
 * gives (checked again here with the export rule, so only http, https and mailto are ever followed) and
 * never pass the page to the linked site.
 *
 * A bracket mark draws "[…]" around the content, followed by the proposing delegation as a small tag, as
 * real text (so copied text keeps its brackets and attribution, as the exports do). To draw one pair of
 * brackets around a passage that spans several runs, pass the passage's runs (without their bracket mark)
 * as `children` and the bracket as the only mark: `children` then stands in for `text`.
 */
export function MarkedText({ text = '', marks, children }: { text?: string; marks: readonly Mark[]; children?: ReactNode }) {
  let content: ReactNode = children ?? text;
  const link = marks.find((mark) => mark.type === 'link');
  const href = link ? safeHref(link.href) : null;
  if (href) {
    content = (
      <a href={href} rel="noopener noreferrer">
        {content}
      </a>
    );
  }
  if (marks.some((mark) => mark.type === 'italic')) content = <em>{content}</em>;
  if (marks.some((mark) => mark.type === 'bold')) content = <strong>{content}</strong>;
  const bracket = marks.find((mark) => mark.type === 'bracket');
  if (bracket?.type === 'bracket') {
    const name = bracket.delegation.trim() || UNKNOWN_DELEGATION;
    content = (
      <span className="version-bracket" title={`Bracketed by ${name}`}>
        <span className="version-bracket-mark">[</span>
        <span className="version-bracket-text">{content}</span>
        <span className="version-bracket-mark">]</span>
        <sup className="version-bracket-tag">{name}</sup>
      </span>
    );
  }
  return <>{content}</>;
}
