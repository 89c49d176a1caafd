import * as Y from 'yjs';
import { acceptedText } from '../../shared/amendments/proposals.js';
import { LOCAL_ORIGIN } from '../common/collab/localOrigin.js';
import { diffText, type TextChange } from './diffText.js';
import { DIRECT_HEADING, type HeadingLens } from './headingLens.js';

/**
 * Binds a one-paragraph text field (an <input>, or a <textarea> that wraps a long heading) to a Y.Text (a
 * clause heading), in both directions:
 * - typing becomes the minimal insert/delete on the Y.Text (diffText), so concurrent edits merge;
 * - others' changes update the field in place and move the caret and selection with the text around
 *   them, so typing is never interrupted; during IME composition the update waits for compositionend;
 * - Ctrl/Cmd+Z and Ctrl/Cmd+Shift+Z (or Ctrl+Y) undo and redo this person's own heading edits only
 *   (a Y.UndoManager tracking LOCAL_ORIGIN): the browser's own undo would also take back others' text.
 * Line breaks (pasted, or Enter in a textarea) become spaces: a heading is one paragraph. A textarea's height
 * follows its text. `lens` says what the field shows and what typing does (headingLens.ts: directly, or as
 * proposals); `onRefused` hears why part of a change was not made (null once a change is made as asked).
 * While proposing, undo takes back only this person's proposals, never a decision: a change from elsewhere
 * that alters the heading's accepted text (a proposal accepted, the secretariat's edit) clears the undo
 * history, as useProposalUndoGuard does for a clause body (undoing an accepted insertion would delete
 * accepted text, which the server refuses).
 * Returns the unbind function.
 */
export function bindInputToYText(
  input: HTMLInputElement | HTMLTextAreaElement,
  text: Y.Text,
  { lens = DIRECT_HEADING, onRefused }: { lens?: HeadingLens; onRefused?: (why: string | null) => void } = {},
): () => void {
  const undoManager = new Y.UndoManager(text, { trackedOrigins: new Set([LOCAL_ORIGIN]) });
  let composing = false;
  let shown = lens.show(text);
  input.value = shown;

  // Browsers without CSS field-sizing (Chromium has it) get the textarea's height set from its text.
  const sizeByScript = input instanceof HTMLTextAreaElement && !CSS.supports('field-sizing', 'content');
  const fitHeight = () => {
    if (!sizeByScript) return;
    input.style.height = 'auto';
    input.style.height = `${input.scrollHeight}px`;
  };

  const onInput = () => {
    if (/[\r\n]/.test(input.value)) {
      const caret = input.selectionStart ?? input.value.length;
      input.value = input.value.replace(/\r\n|[\r\n]/g, ' ');
      input.setSelectionRange(caret, caret);
    }
    fitHeight();
    const change = diffText(shown, input.value);
    shown = input.value;
    if (!change) return;
    let refused: string | null = null;
    text.doc?.transact(() => {
      refused = lens.apply(text, change);
    }, LOCAL_ORIGIN);
    onRefused?.(refused);
    // What the field shows may differ from what was typed (a proposal kept, struck words hidden).
    if (lens.show(text) !== shown) showRemote(null);
  };

  const showRemote = (delta: ReadonlyArray<{ insert?: unknown; delete?: number; retain?: number }> | null) => {
    const next = lens.show(text);
    if (next === input.value) {
      shown = next;
      return;
    }
    const focused = document.activeElement === input;
    const start = input.selectionStart ?? 0;
    const end = input.selectionEnd ?? 0;
    // The Yjs delta counts the whole text; a lens that leaves some out maps the caret by the shown strings.
    const moves = lens === DIRECT_HEADING ? delta : deltaOf(diffText(input.value, next));
    input.value = next;
    shown = next;
    fitHeight();
    if (focused) {
      const direction = input.selectionDirection ?? 'none';
      input.setSelectionRange(mapIndex(start, moves), mapIndex(end, moves), direction);
    }
  };

  let accepted = lens.proposing ? acceptedText(text) : null;
  const observer = (event: Y.YTextEvent, transaction: Y.Transaction) => {
    if (transaction.origin === LOCAL_ORIGIN) return;
    if (accepted !== null && !transaction.local) {
      const now = acceptedText(text);
      if (now !== accepted) {
        accepted = now;
        undoManager.clear();
      }
    }
    if (composing) return;
    // Others' edits, and this person's undo and redo, which the field must show too.
    showRemote(event.delta);
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.isComposing) {
      event.preventDefault();
      return;
    }
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

  requestAnimationFrame(fitHeight);
  if (sizeByScript) window.addEventListener('resize', fitHeight);
  const element: HTMLElement = input;
  element.addEventListener('input', onInput);
  element.addEventListener('keydown', onKeyDown);
  element.addEventListener('compositionstart', onCompositionStart);
  element.addEventListener('compositionend', onCompositionEnd);
  text.observe(observer);
  return () => {
    text.unobserve(observer);
    window.removeEventListener('resize', fitHeight);
    element.removeEventListener('input', onInput);
    element.removeEventListener('keydown', onKeyDown);
    element.removeEventListener('compositionstart', onCompositionStart);
    element.removeEventListener('compositionend', onCompositionEnd);
    undoManager.destroy();
  };
}

/** A single-range change as a Yjs-style delta. */
function deltaOf(change: TextChange | null): Array<{ insert?: string; delete?: number; retain?: number }> | null {
  if (!change) return null;
  return [{ retain: change.index }, { delete: change.deleteCount }, { insert: change.insert }];
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
