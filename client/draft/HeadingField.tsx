import { useEffect, useId, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { bindInputToYText } from './bindInputToYText.js';

export interface HeadingFieldProps {
  text: Y.Text;
  /** Accessible name, e.g. "Heading of OP2". */
  label: string;
  placeholder: string;
  readOnly: boolean;
  /**
   * Why this person cannot change the heading although they edit the draft (amendments mode), shown
   * while the field has focus and given as its description; null when there is nothing to explain. @default null
   */
  readOnlyNote?: string | null;
  className: string;
}

/**
 * A clause heading edited live by everyone: a one-paragraph field bound to the clause's Y.Text
 * (bindInputToYText), so typing merges with others' and their changes arrive without moving the caret.
 * A textarea that grows with its text, so a long heading wraps onto more lines instead of being cut off;
 * Enter does not break it (a heading is one paragraph). Read-only, it still follows others' changes live.
 */
export function HeadingField({ text, label, placeholder, readOnly, readOnlyNote = null, className }: HeadingFieldProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  const [focused, setFocused] = useState(false);
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    return bindInputToYText(element, text);
  }, [text]);
  const note = readOnly ? readOnlyNote : null;
  return (
    <>
      <textarea
        ref={input}
        rows={1}
        className={className}
        aria-label={label}
        aria-describedby={note ? noteId : undefined}
        placeholder={readOnly ? '' : placeholder}
        readOnly={readOnly}
        title={note ?? undefined}
        autoComplete="off"
        spellCheck
        data-heading-field=""
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
      />
      {note ? (
        <span id={noteId} className={focused ? 'clause-edit-note heading-note' : 'visually-hidden'}>
          {note}
        </span>
      ) : null}
    </>
  );
}
