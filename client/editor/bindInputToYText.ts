import * as Y from 'yjs';
import { LOCAL_ORIGIN } from '../collab/localOrigin.js';
import { diffText } from './diffText.js';

/**
 * Binds a plain one-line <input> to a Y.Text (a clause heading), in both directions:
 * - typing becomes the minimal insert/delete on the Y.Text (diffText), so concurrent edits merge;
 * - others' changes update the field in place and move the caret and selection with the text around
 *   them, so typing is never interrupted; during IME composition the update waits for compositionend;
 * - Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo this person's own heading edits only
 *   (a Y.UndoManager tracking LOCAL_ORIGIN): the browser's own undo would also take back others' text.
 * Line breaks pasted into the field are turned into spaces by the input itself. Returns the unbind function.
 */
export function bindInputToYText(input: HTMLInputElement, text: Y.Text): () => void {
  const undoManager = new Y.UndoManager(text, { trackedOrigins: new Set([LOCAL_ORIGIN]) });
  let composing = false;
  let shown = text.toString();
  input.value = shown;

  const onInput = () => {
    const change = diffText(shown, input.value);
    shown = input.value;
    if (!change) return;
    text.doc?.transact(() => {
      if (change.deleteCount > 0) text.delete(change.index, change.deleteCount);
      if (change.insert) text.insert(change.index, change.insert);
    }, LOCAL_ORIGIN);
  };

  const showRemote = (delta: ReadonlyArray<{ insert?: unknown; delete?: number; retain?: number }> | null) => {
    const next = text.toString();
    if (next === input.value) {
      shown = next;
      return;
    }
    const focused = document.activeElement === input;
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? 0;
    input.value = next;
    shown = next;
    if (focused) {
      const direction = input.selectionDirection ?? 'none';
      input.setSelectionRange(mapIndex(start, delta), mapIndex(end, delta), direction);
    }
  };

  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL_ORIGIN) return;
    if (composing) return;
    // Others' edits, and this person's undo and redo, which the field must show too.
    showRemote(event.delta as Parameters<typeof showRemote>[0]);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
    const key = event.key.toLowerCase();
    if (key === 'z' && !event.shiftKey) {
      event.preventDefault();
      undoManager.undo();
    } else if ((key === 'z' && event.shiftKey) || key === 'y') {
      event.preventDefault();
      undoManager.redo();
    }
  };
  const onCompositionStart = () => {
    composing = true;
  };
  const onCompositionEnd = () => {
    composing = false;
    onInput();
    showRemote(null);
  };

  input.addEventListener('input', onInput);
  input.addEventListener('keydown', onKeyDown);
  input.addEventListener('compositionstart', onCompositionStart);
  input.addEventListener('compositionend', onCompositionEnd);
  text.observe(observer);
  return () => {
    text.unobserve(observer);
    input.removeEventListener('input', onInput);
    input.removeEventListener('keydown', onKeyDown);
    input.removeEventListener('compositionstart', onCompositionStart);
    input.removeEventListener('compositionend', onCompositionEnd);
    undoManager.destroy();
  };
}

/** Where a caret index ends up after a Yjs text delta: inserts before it push it right, deletes pull it left. */
function mapIndex(index: number, delta: ReadonlyArray<{ insert?: unknown; delete?: number; retain?: number }> | null): number {
  if (!delta) return index;
  let oldPosition = 0;
  let mapped = index;
  for (const op of delta) {
    if (oldPosition >= index) break;
    if (op.retain !== undefined) oldPosition += op.retain;
    else if (typeof op.insert === 'string') mapped += op.insert.length;
    else if (op.delete !== undefined) {
      mapped -= Math.min(op.delete, index - oldPosition);
      oldPosition += op.delete;
    }
  }
  return Math.max(0, mapped);
}
