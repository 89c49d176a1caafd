import { Extension } from '@tiptap/core';
import type { Node as PMNode } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet, type EditorView } from '@tiptap/pm/view';
import { matchKey } from './draftMatches.js';
import { findHighlight } from './findHighlight.js';
import { findInText, searchPattern } from './matchText.js';
import { revealElement } from './revealElement.js';
import { pmTextblocks } from './textblocks.js';

export const findHighlightsKey = new PluginKey<DecorationSet>('findHighlights');

/** The key of this clause's current match, or '' when the current match is elsewhere. */
function currentKeyIn(clauseId: string): string {
  const { current } = findHighlight.get();
  return current && current.clauseId === clauseId && current.field === 'body' ? matchKey(current) : '';
}

/** Marks for every match of the Find query in this clause's text; the current one as `find-match-current`. */
function buildDecorations(doc: PMNode, clauseId: string): DecorationSet {
  const { query } = findHighlight.get();
  const pattern = searchPattern(query);
  if (!pattern) return DecorationSet.empty;
  const current = currentKeyIn(clauseId);
  const decorations: Decoration[] = [];
  pmTextblocks(doc).forEach(({ pos, text }, block) => {
    for (const { start, end } of findInText(text, pattern)) {
      const isCurrent = current === matchKey({ clauseId, field: 'body', block, start, end });
      decorations.push(Decoration.inline(pos + start, pos + end, { class: isCurrent ? 'find-match find-match-current' : 'find-match' }));
    }
  });
  return DecorationSet.create(doc, decorations);
}

/** Scrolls this editor's current match into view when Find has just jumped to it. */
function revealCurrent(view: EditorView, clauseId: string): void {
  if (currentKeyIn(clauseId) === '' || !findHighlight.takeReveal()) return;
  revealElement(() => (view.isDestroyed ? null : view.dom.querySelector<HTMLElement>('.find-match-current')));
}

/**
 * Find in this draft, inside one clause editor: decorations (never marks, so nothing reaches the document)
 * on the matches, recomputed when this text changes or Find changes what it looks for. An editor that
 * mounts because Find brought its clause near scrolls its match into view.
 */
export const FindHighlights = Extension.create<{ clauseId: string }>({
  name: 'findHighlights',

  addOptions() {
    return { clauseId: '' };
  },

  addProseMirrorPlugins() {
    const { clauseId } = this.options;
    return [
      new Plugin<DecorationSet>({
        key: findHighlightsKey,
        state: {
          init: (_config, state) => buildDecorations(state.doc, clauseId),
          apply: (tr, old) =>
            tr.getMeta(findHighlightsKey) || (tr.docChanged && findHighlight.get().query)
              ? buildDecorations(tr.doc, clauseId)
              : old.map(tr.mapping, tr.doc),
        },
        props: {
          decorations: (state) => findHighlightsKey.getState(state) ?? DecorationSet.empty,
        },
        view: (view) => {
          // Only a change that concerns this editor redraws it: a new query, or its current match coming or going.
          let shown = { query: findHighlight.get().query, current: currentKeyIn(clauseId) };
          const unsubscribe = findHighlight.subscribe(() => {
            if (view.isDestroyed) return;
            const next = { query: findHighlight.get().query, current: currentKeyIn(clauseId) };
            if (next.query !== shown.query || next.current !== shown.current) view.dispatch(view.state.tr.setMeta(findHighlightsKey, true));
            shown = next;
            revealCurrent(view, clauseId);
          });
          revealCurrent(view, clauseId);
          return { destroy: unsubscribe };
        },
      }),
    ];
  },
});
