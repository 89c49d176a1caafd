import { useEffect, useRef } from 'react';
import type * as Y from 'yjs';
import { bindInputToYText } from '../../editor/bindInputToYText.js';

export interface HeadingFieldProps {
  text: Y.Text;
  /** Accessible name, e.g. "Heading of OP2". */
  label: string;
  placeholder: string;
  readOnly: boolean;
  className: string;
}

/**
 * A clause heading edited live by everyone: a plain one-line field bound to the clause's Y.Text
 * (bindInputToYText), so typing merges with others' and their changes arrive without moving the caret.
 */
export function HeadingField({ text, label, placeholder, readOnly, className }: HeadingFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    return bindInputToYText(element, text);
  }, [text]);
  return (
    <input
      ref={input}
      type="text"
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
