import type { Editor } from '@tiptap/core';
import { yUndoPluginKey } from '@tiptap/y-tiptap';
import { useEffect } from 'react';
import type * as Y from 'yjs';
import { acceptedText, bodyTexts } from '../../shared/amendments/proposals.js';

/**
 * Undo in amendments mode takes back this member's own proposals, never a decision. The editor's undo is
 * a Y.UndoManager that tracks only this page's own changes, so undoing a proposed insertion deletes the
 * text it typed. Once the secretariat has accepted that insertion (its mark removed), the same text is
 * accepted text, and undoing would delete it: a direct edit the server refuses.
 *
 * So while proposing, a change from elsewhere that alters the clause's accepted text (a decision, or the
 * secretariat editing directly) clears the editor's undo history: what it held can no longer be taken
 * back by undo, only proposed again. Others' proposals never change the accepted text, so their typing
 * leaves the history alone. This member's own changes do not change it either (they are proposals), so
 * the accepted text is read only when a change arrives from elsewhere.
 */
export function useProposalUndoGuard(editor: Editor, fragment: Y.XmlFragment, proposing: boolean): void {
  useEffect(() => {
    if (!proposing) return;
    return onAcceptedTextChangedElsewhere(fragment, () => {
      if (editor.isDestroyed) return;
      const history = yUndoPluginKey.getState(editor.state) as { undoManager?: Y.UndoManager } | undefined;
      history?.undoManager?.clear();
    });
  }, [editor, fragment, proposing]);
}

/** Calls `listener` whenever a change from elsewhere (not this page's) alters the body's accepted text; returns the unsubscribe function. */
export function onAcceptedTextChangedElsewhere(fragment: Y.XmlFragment, listener: () => void): () => void {
  let accepted = acceptedBodyText(fragment);
  const observer = (_events: unknown, transaction: Y.Transaction) => {
    if (transaction.local) return;
    const now = acceptedBodyText(fragment);
    if (now === accepted) return;
    accepted = now;
    listener();
  };
  fragment.observeDeep(observer);
  return () => fragment.unobserveDeep(observer);
}

/** A clause body's accepted text (outside insertion marks), paragraph by paragraph. */
export function acceptedBodyText(fragment: Y.XmlFragment): string {
  return bodyTexts(fragment).map(acceptedText).join('\n');
}
