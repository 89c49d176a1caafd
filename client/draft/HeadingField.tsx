import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { bindInputToYText } from './bindInputToYText.js';

export interface HeadingFieldProps {
  text: Y.Text;
  /** Accessible name, e.g. "Heading of OP2". */
  label: string;
  placeholder: string;
  readOnly: boolean;
  className: string;
}

/**
 * A clause heading edited live by everyone: a one-paragraph field bound to the clause's Y.Text
 * (bindInputToYText), so typing merges with others' and their changes arrive without moving the caret.
 * A textarea that grows with its text, so a long heading wraps onto more lines instead of being cut off;
 * Enter does not break it (a heading is one paragraph).
 */
export function HeadingField({ text, label, placeholder, readOnly, className }: HeadingFieldProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    return bindInputToYText(element, text);
  }, [text]);
  return (
    <textarea
      ref={input}
      rows={1}
      className={className}
      aria-label={label}
      placeholder={readOnly ? '' : placeholder}
      readOnly={readOnly}
      autoComplete="off"
      spellCheck
      data-heading-field=""
    />
  );
}
