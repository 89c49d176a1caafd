import { useCallback, useRef, useState, type FocusEvent, type KeyboardEvent, type MouseEvent } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { ClauseBodyEditor } from './ClauseBodyEditor.js';
import type { FocusRequest } from './FocusRequest.js';
import { FragmentPreview } from './FragmentPreview.js';
import '../styles/proposals.css';

export interface ClauseBodyProps {
  /** The clause this body belongs to, for its comment threads. */
  clauseId: string;
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: { name: string; delegation: string | null };
  editable: boolean;
  /** The delegation this member's changes are proposals of (a delegate in amendments mode), or null to edit directly. @default null */
  proposeAs?: string | null;
  /** Accessible name, e.g. "Operative paragraph 2, Consultation with stakeholders" (clauseTextName). */
  label: string;
  /** The clause is on screen or close to it (the card observes itself, useNearViewport). */
  near: boolean;
}

/**
 * A clause body that costs little until it is needed. Far from the viewport it is a static preview of
 * the fragment (text only, as React elements); near the viewport, or as soon as it is clicked or
 * focused, the TipTap editor takes its place, with the caret where the click was. An editor that holds
 * focus, or in which this person has typed (its undo history lives in the editor), stays mounted however
 * far it scrolls; others are unmounted again when far away, so a long draft keeps about a screenful of
 * editors (and their awareness listeners) alive, plus the few clauses this person worked on.
 */
export function ClauseBody({ clauseId, fragment, provider, user, editable, proposeAs = null, label, near }: ClauseBodyProps) {
  const box = useRef<HTMLDivElement>(null);
  const [focusRequest, setFocusRequest] = useState<FocusRequest | null>(null);
  const [holdsFocus, setHoldsFocus] = useState(false);
  const [edited, setEdited] = useState(false);
  const onEdited = useCallback(() => setEdited(true), []);
  // A pending focus request keeps the editor mounted until focus has really arrived inside it.
  const mounted = near || holdsFocus || edited || focusRequest !== null;

  const onFocus = () => {
    if (!box.current?.querySelector('.ProseMirror')?.contains(document.activeElement)) return;
    setHoldsFocus(true);
    setFocusRequest(null);
  };
  const onBlur = (event: FocusEvent) => {
    if (!box.current?.contains(event.relatedTarget)) setHoldsFocus(false);
  };

  return (
    <div className="clause-body" ref={box} onFocus={onFocus} onBlur={onBlur}>
      {mounted ? (
        <ClauseBodyEditor
          clauseId={clauseId}
          fragment={fragment}
          provider={provider}
          user={user}
          editable={editable}
          proposeAs={editable ? proposeAs : null}
          label={label}
          focusRequest={focusRequest}
          onEdited={onEdited}
        />
      ) : (
        <div
          className="clause-text clause-preview"
          role="textbox"
          aria-multiline="true"
          aria-label={label}
          aria-readonly={!editable}
          {...(editable
            ? {
                tabIndex: 0,
                onMouseDown: (event: MouseEvent) => {
                  event.preventDefault();
                  setFocusRequest({ x: event.clientX, y: event.clientY });
                },
                onFocus: () => setFocusRequest((request) => request ?? 'start'),
                onKeyDown: (event: KeyboardEvent) => {
                  if (event.key === 'Enter') setFocusRequest('end');
                },
              }
            : {})}
        >
          <FragmentPreview fragment={fragment} />
        </div>
      )}
    </div>
  );
}
