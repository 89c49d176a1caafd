import type { ReactNode } from 'react';
import type { Mark } from '../../shared/export/DraftText.js';
import { safeHref } from '../../shared/export/safeHref.js';

/**
 * A run of text with its inline marks, as React elements (never HTML). Links keep the href the model
 * gives (checked again here with the export rule, so only http, https and mailto are ever followed) and
 * never pass the page to the linked site.
 */
export function MarkedText({ text, marks }: { text: string; marks: readonly Mark[] }) {
  let content: ReactNode = text;
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
  return <>{content}</>;
}
