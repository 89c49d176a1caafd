import type { Editor } from '@tiptap/core';
import { useEffect, useRef } from 'react';
import { setCommentHighlights, type CommentHighlight } from './commentHighlights.js';
import { useComments } from './CommentsContext.js';

/** The highlight id of the passage a new thread is being written about (not a thread yet). */
const NEW_THREAD = 'new';

/**
 * Keeps an editor's comment marks in step with the threads of its clause: every open anchored thread,
 * the thread active in the panel more strongly (also when resolved, while the panel lists resolved
 * threads), and the passage a new thread is being written about. Clicking a mark opens its thread in the panel; from a text being edited the caret stays
 * where it was clicked, from read-only text focus goes to the thread.
 */
export function useCommentHighlights(editor: Editor, clauseId: string): void {
  const comments = useComments();
  const panel = comments?.panel;
  const threads = comments?.byClause.get(clauseId) ?? [];
  const activeId = panel?.open ? panel.threadId : null;
  // A resolved thread is marked only while the panel shows it (its filter lets resolved threads through).
  const showResolved = panel?.open === true && panel.filter !== 'open';
  const pending = panel?.open && panel.newThread?.clauseId === clauseId ? panel.newThread.anchor : null;

  const highlights: CommentHighlight[] = threads
    .filter((thread) => thread.root.anchor && (!thread.root.resolved || (showResolved && thread.id === activeId)))
    .map((thread) => ({ threadId: thread.id, start: thread.root.anchor?.start ?? '', end: thread.root.anchor?.end ?? '' }));
  if (pending) highlights.push({ threadId: NEW_THREAD, start: pending.start, end: pending.end });
  const active = pending ? NEW_THREAD : activeId;

  const openClause = useRef(comments?.actions.openClause);
  openClause.current = comments?.actions.openClause;
  const onActivate = useRef((threadId: string) => {
    if (threadId !== NEW_THREAD) openClause.current?.(clauseId, { threadId, moveFocus: !editor.isEditable });
  });

  // Only a real change is sent to the editor (each one rebuilds its marks).
  const key = JSON.stringify([highlights, active]);
  useEffect(() => {
    setCommentHighlights(editor, { highlights, activeId: active, onActivate: onActivate.current });
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` stands for `highlights` and `active`
  }, [editor, key]);
}
