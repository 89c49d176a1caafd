import { EditorContent, useEditor } from '@tiptap/react';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import { CommentSelectionButton, useCommentHighlights } from '../comments/index.js';
import { bracketDelegation } from '../negotiation/index.js';
import { useSession } from '../session/index.js';
import { clauseEditorExtensions } from './clauseEditorExtensions.js';
import { EditorToolbar } from './EditorToolbar.js';
import type { FocusRequest } from './FocusRequest.js';
import { useProposalUndoGuard } from './useProposalUndoGuard.js';

/** How long a note on a change that could not be proposed stays beside the text. */
const EDIT_NOTE_MS = 6000;

export interface ClauseBodyEditorProps {
  /** The clause this body belongs to, for its comment threads. */
  clauseId: string;
  fragment: Y.XmlFragment;
  provider: WebsocketProvider;
  user: { name: string; delegation: string | null };
  /** False for reviewers and locked clauses: the text is shown live (with others' carets) but cannot be changed. */
  editable: boolean;
  /** The delegation this member's changes are proposals of (a delegate in amendments mode), or null to edit directly. */
  proposeAs: string | null;
  /** The accessible name of the text area, e.g. "Operative paragraph 2, Consultation with stakeholders". */
  label: string;
  /** Focus the editor once it exists (it replaced a preview that was clicked or focused). */
  focusRequest: FocusRequest | null;
  /** Called once this person has changed the text here, i.e. the editor holds undo history worth keeping. */
  onEdited: () => void;
}

/**
 * One clause body as a TipTap editor bound to its Yjs fragment, with other people's carets, and for
 * editors a formatting toolbar. Created once per fragment; the page mounts it lazily (ClauseBody).
 * Passages that comment threads are about are marked, and a selected passage can be commented on.
 * With `proposeAs` every change becomes a proposal (proposing/proposingExtension.ts); a change that cannot
 * be one is not made, and a short note under the text says why.
 */
export function ClauseBodyEditor({
  clauseId,
  fragment,
  provider,
  user,
  editable,
  proposeAs,
  label,
  focusRequest,
  onEdited,
}: ClauseBodyEditorProps) {
  const [editNote, setEditNote] = useState('');
  const noteTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const onProposalRefused = useCallback((reason: string) => {
    setEditNote(reason);
    if (noteTimer.current) clearTimeout(noteTimer.current);
    noteTimer.current = setTimeout(() => setEditNote(''), EDIT_NOTE_MS);
  }, []);
  useEffect(() => () => clearTimeout(noteTimer.current ?? undefined), []);

  // One set of extensions per editor instance. `user` is read once: it is only what this page says
  // about itself, and others see the server's record instead.
  const bracketFor = bracketDelegation(useSession().me)?.id ?? null;
  const extensions = useMemo(
    () => clauseEditorExtensions({ fragment, provider, user, bracketFor, clauseId, proposeAs, onProposalRefused }),
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `user` is read once (above); a change of `editable` rebuilds them
    [fragment, provider, editable, bracketFor, proposeAs, onProposalRefused],
  );
  const editor = useEditor(
    {
      extensions,
      editable,
      immediatelyRender: true,
      shouldRerenderOnTransaction: false,
      editorProps: { attributes: editorAttributes(label, editable) },
    },
    [fragment, provider, editable, bracketFor, proposeAs],
  );

  useCommentHighlights(editor, clauseId);
  useProposalUndoGuard(editor, fragment, proposeAs !== null);

  // Numbers change when clauses move (OP3 becomes OP2): keep the accessible name current.
  const shownLabel = useRef(label);
  useEffect(() => {
    if (shownLabel.current === label || editor.isDestroyed) return;
    shownLabel.current = label;
    editor.setOptions({ editorProps: { attributes: editorAttributes(label, editable) } });
  }, [editor, label, editable]);

  useEffect(() => {
    const onTransaction = () => {
      const history = yUndoPluginKey.getState(editor.state) as { undoManager?: { undoStack: unknown[] } } | undefined;
      if (history?.undoManager && history.undoManager.undoStack.length > 0) {
        editor.off('transaction', onTransaction);
        onEdited();
      }
    };
    editor.on('transaction', onTransaction);
    return () => {
      editor.off('transaction', onTransaction);
    };
  }, [editor, onEdited]);

  useEffect(() => {
    if (!focusRequest || editor.isDestroyed) return;
    // The view is attached by EditorContent's effect; wait a frame so focus lands in the live DOM.
    const frame = requestAnimationFrame(() => {
      if (editor.isDestroyed) return;
      if (typeof focusRequest === 'object') {
        const at = editor.view.posAtCoords({ left: focusRequest.x, top: focusRequest.y });
        editor.commands.focus(at ? at.pos : 'end');
      } else {
        editor.commands.focus(focusRequest);
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [editor, focusRequest]);

  return (
    <div className="clause-editor">
      {editable ? <EditorToolbar editor={editor} label={label} proposing={proposeAs !== null} /> : null}
      <EditorContent editor={editor} />
      <p className="clause-edit-note" role="status">
        {editNote}
      </p>
      <CommentSelectionButton editor={editor} clauseId={clauseId} />
    </div>
  );
}

function editorAttributes(label: string, editable: boolean): Record<string, string> {
  return {
    class: 'clause-text',
    role: 'textbox',
    'aria-multiline': 'true',
    'aria-label': label,
    'aria-readonly': editable ? 'false' : 'true',
    spellcheck: 'true',
  };
}
