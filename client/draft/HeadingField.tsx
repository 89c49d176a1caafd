import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type * as Y from 'yjs';
import { readProposalRuns } from '../../shared/amendments/proposals.js';
import { useYjsVersion } from '../common/collab/useYjsVersion.js';
import { newProposalId, TextPreview } from '../editor/index.js';
import { bindInputToYText } from './bindInputToYText.js';
import { DIRECT_HEADING, proposingHeading } from './headingLens.js';

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
  /** The delegation whose proposals typing makes (a delegate in amendments mode); null to edit directly. @default null */
  proposeAs?: string | null;
  className: string;
}

/**
 * A clause heading edited live by everyone: a one-paragraph field bound to the clause's Y.Text
 * (bindInputToYText), so typing merges with others' and their changes arrive without moving the caret.
 * A textarea that grows with its text, so a long heading wraps onto more lines instead of being cut off;
 * Enter does not break it (a heading is one paragraph). Read-only, it still follows others' changes live.
 *
 * In amendments mode a delegate's typing becomes their delegation's proposals (headingLens.ts): the field
 * shows the heading as it reads with their own proposals accepted, and says when part of a change could
 * not be proposed. While the heading holds proposals, a line under the field shows them as the text does
 * (each delegation's colour and name, struck deletions), following the page's proposal view.
 */
export function HeadingField({ text, label, placeholder, readOnly, readOnlyNote = null, proposeAs = null, className }: HeadingFieldProps) {
  const input = useRef<HTMLTextAreaElement>(null);
  const noteId = useId();
  const [focused, setFocused] = useState(false);
  const [refused, setRefused] = useState<string | null>(null);
  const lens = useMemo(() => (proposeAs === null ? DIRECT_HEADING : proposingHeading(proposeAs, newProposalId)), [proposeAs]);
  useEffect(() => {
    const element = input.current;
    if (!element) return;
    return bindInputToYText(element, text, { lens, onRefused: setRefused });
  }, [text, lens]);
  useYjsVersion(text);
  const hasProposals = readProposalRuns(text).some((run) => run.insertion !== null || run.deletion !== null);
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
      {refused ? (
        <span className="clause-edit-note heading-note" role="status">
          {refused}
        </span>
      ) : null}
      {hasProposals ? (
        <span className="heading-proposals" data-testid="heading-proposals">
          <span className="heading-proposals-label">Proposals in the heading: </span>
          <TextPreview text={text} />
        </span>
      ) : null}
    </>
  );
}
