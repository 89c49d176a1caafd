import { Extension, type Editor } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { decodeAnchorPosition } from '../../shared/comments/commentAnchor.js';

/** One anchored passage to mark: the thread it belongs to and its two encoded Yjs relative positions. */
export interface CommentHighlight {
  threadId: string;
  start: string;
  end: string;
}

/** What the page tells an editor about comment threads on its clause. */
export interface CommentHighlightsInput {
  highlights: readonly CommentHighlight[];
  /** Marked more strongly (the thread shown in the comments panel). */
  activeId: string | null;
  /** Called with the thread id when someone clicks a highlighted passage. */
  onActivate: ((threadId: string) => void) | null;
}

interface HighlightsState extends CommentHighlightsInput {
  decorations: DecorationSet;
}

/** The y-prosemirror binding between an editor and its Yjs fragment, as ySyncPlugin's state holds it. */
export interface SyncBinding {
  doc: Y.Doc;
  type: Y.XmlFragment;
  /** Yjs types to the ProseMirror nodes rendered from them. */
  mapping: Parameters<typeof relativePositionToAbsolutePosition>[3];
}

/** The binding of an editor state, or null before the collaboration plugin has one. */
export function syncBinding(state: EditorState): SyncBinding | null {
  const sync = ySyncPluginKey.getState(state) as { binding?: SyncBinding } | undefined;
  return sync?.binding ?? null;
}

const NOTHING: HighlightsState = { highlights: [], activeId: null, onActivate: null, decorations: DecorationSet.empty };

export const commentHighlightsKey = new PluginKey<HighlightsState>('commentHighlights');

function isDeleted(type: Y.AbstractType<unknown>): boolean {
  for (let item = type._item; item; item = (item.parent as Y.AbstractType<unknown>)._item) if (item.deleted) return true;
  return false;
}

/**
 * Where an encoded anchor position lies in the editor's document now, or null. Resolved through the
 * binding's mapping (y-prosemirror's relativePositionToAbsolutePosition). That function refuses a position
 * that lands at the very start of the text when it refers to a character (it takes it for one misplaced by
 * a block move); a passage that starts with the clause is legitimate here, so such a position is resolved
 * again from its plain type and index.
 */
function resolvePosition(binding: SyncBinding, encoded: string): number | null {
  const relative = decodeAnchorPosition(encoded);
  if (!relative) return null;
  try {
    const absolute = Y.createAbsolutePositionFromRelativePosition(relative, binding.doc);
    if (!absolute || isDeleted(absolute.type as Y.AbstractType<unknown>)) return null;
    const direct = relativePositionToAbsolutePosition(binding.doc, binding.type, relative, binding.mapping);
    if (direct !== null) return direct;
    const plain = Y.createRelativePositionFromTypeIndex(absolute.type, absolute.index, -1);
    return relativePositionToAbsolutePosition(binding.doc, binding.type, plain, binding.mapping);
  } catch {
    return null;
  }
}

/** Inline decorations for every highlight whose passage still spans some text. */
function buildDecorations(state: EditorState, input: CommentHighlightsInput): DecorationSet {
  const binding = syncBinding(state);
  if (!binding || input.highlights.length === 0) return DecorationSet.empty;
  const size = state.doc.content.size;
  const decorations: Decoration[] = [];
  for (const highlight of input.highlights) {
    const from = resolvePosition(binding, highlight.start);
    const to = resolvePosition(binding, highlight.end);
    if (from === null || to === null || from < 0 || to > size || to <= from) continue;
    const active = highlight.threadId === input.activeId;
    decorations.push(
      Decoration.inline(
        from,
        to,
        { class: active ? 'comment-highlight comment-highlight-active' : 'comment-highlight', 'data-comment-thread': highlight.threadId },
        { threadId: highlight.threadId },
      ),
    );
  }
  return DecorationSet.create(state.doc, decorations);
}

/**
 * Marks the passages that comment threads are anchored on. The positions are resolved against the Yjs
 * fragment whenever the page sends new threads and whenever the document is rebuilt from Yjs (someone
 * else's change, undo, the first render); this person's own typing maps the marks along, because at that
 * moment Yjs has not yet taken the change in. Clicking a mark reports its thread.
 */
export const CommentHighlights = Extension.create({
  name: 'commentHighlights',
  addProseMirrorPlugins() {
    return [
      new Plugin<HighlightsState>({
        key: commentHighlightsKey,
        state: {
          init: () => NOTHING,
          apply(tr, value, _old, state) {
            const input = tr.getMeta(commentHighlightsKey) as CommentHighlightsInput | undefined;
            if (input) return { ...input, decorations: buildDecorations(state, input) };
            if (value.highlights.length === 0) return value;
            if (tr.getMeta(ySyncPluginKey) !== undefined) return { ...value, decorations: buildDecorations(state, value) };
            return tr.docChanged ? { ...value, decorations: value.decorations.map(tr.mapping, tr.doc) } : value;
          },
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state)?.decorations ?? DecorationSet.empty,
          handleClick(view, _pos, event) {
            const mark = event.target instanceof Element ? event.target.closest('[data-comment-thread]') : null;
            const threadId = mark?.getAttribute('data-comment-thread');
            const onActivate = commentHighlightsKey.getState(view.state)?.onActivate;
            if (threadId && onActivate) onActivate(threadId);
            // The click still places the caret as usual.
            return false;
          },
        },
      }),
    ];
  },
});

/** Gives an editor the threads to highlight (replacing what it had). Safe before the editor is mounted. */
export function setCommentHighlights(editor: Editor, input: CommentHighlightsInput): void {
  if (editor.isDestroyed) return;
  editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, input));
}
