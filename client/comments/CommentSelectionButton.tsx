import type { Editor } from '@tiptap/core';
import { useEffect, useState } from 'react';
import { useDraftArchived } from '../common/draft/draftArchived.js';
import { anchorFromRange } from './anchorFromRange.js';
import { CommentIcon } from './CommentIcon.js';
import { useComments } from './CommentsContext.js';

interface SelectedRange {
  from: number;
  to: number;
  /** Where to show the button, relative to the clause card (the positioned box it is drawn in). */
  top: number;
  left: number;
}

/** The selected range of the page when it lies inside `editor`'s text and is not empty, else null. */
function selectedRange(editor: Editor): SelectedRange | null {
  const selection = document.getSelection();
  if (editor.isDestroyed || !selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  try {
    const { dom } = editor.view;
    if (!dom.contains(selection.anchorNode) || !dom.contains(selection.focusNode)) return null;
    const range = selection.getRangeAt(0);
    const from = editor.view.posAtDOM(range.startContainer, range.startOffset);
    const to = editor.view.posAtDOM(range.endContainer, range.endOffset);
    const box = dom.closest('.clause')?.getBoundingClientRect();
    const rects = range.getClientRects();
    const last = rects[rects.length - 1] ?? range.getBoundingClientRect();
    if (to <= from || !box) return null;
    return { from, to, top: last.bottom - box.top + 4, left: Math.max(0, Math.min(last.right - box.left - 24, box.width - 120)) };
  } catch {
    return null;
  }
}

/**
 * A small "Comment" button under a passage selected in a clause's text (read-only text included, so
 * reviewers can use it), and Ctrl+Alt+M in text being edited: starts a thread anchored on the passage,
 * quoting it. The button keeps the selection when pressed. Not on an archived draft, which takes no comments.
 */
export function CommentSelectionButton({ editor, clauseId }: { editor: Editor; clauseId: string }) {
  const comments = useComments();
  const [range, setRange] = useState<SelectedRange | null>(null);
  const archived = useDraftArchived();
  const startThread = archived ? undefined : comments?.actions.startThread;

  useEffect(() => {
    const update = () => setRange(selectedRange(editor));
    document.addEventListener('selectionchange', update);
    return () => document.removeEventListener('selectionchange', update);
  }, [editor]);

  useEffect(() => {
    if (!startThread || editor.isDestroyed) return;
    const dom = editor.view.dom;
    const onKeyDown = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || !event.altKey || event.shiftKey || event.key.toLowerCase() !== 'm') return;
      event.preventDefault();
      const { from, to } = editor.state.selection;
      startThread(clauseId, from < to ? anchorFromRange(editor.state, from, to) : null);
    };
    dom.addEventListener('keydown', onKeyDown);
    return () => dom.removeEventListener('keydown', onKeyDown);
  }, [editor, clauseId, startThread]);

  if (!range || !startThread) return null;
  return (
    <button
      type="button"
      className="comment-selection-button"
      style={{ top: range.top, left: range.left }}
      aria-keyshortcuts={editor.isEditable ? 'Control+Alt+M' : undefined}
      title={editor.isEditable ? 'Comment on the selected passage (Ctrl+Alt+M)' : 'Comment on the selected passage'}
      onMouseDown={(event) => event.preventDefault()}
      onClick={() => {
        startThread(clauseId, anchorFromRange(editor.state, range.from, range.to));
        setRange(null);
      }}
    >
      <CommentIcon size={14} />
      Comment<span className="visually-hidden"> on the selected passage</span>
    </button>
  );
}
