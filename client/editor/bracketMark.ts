import { Mark } from '@tiptap/core';
import type { EditorState } from '@tiptap/pm/state';
import type { MarkView, ViewMutationRecord } from '@tiptap/pm/view';
import { BRACKET_MARK } from '../../shared/doc/schema.js';
import type { DelegationNames } from './delegationNames.js';

export interface BracketMarkOptions {
  /** Where the delegation tag of each bracket gets its name. @default no names (tags stay empty) */
  names: DelegationNames;
}

declare module '@tiptap/core' {
  interface Commands<ReturnType> {
    bracket: {
      /** Brackets the selected text for a delegation (replacing any bracket it had). */
      setBracket: (delegation: string) => ReturnType;
      /** Lifts the brackets in the selection, or the whole bracket at the caret. */
      liftBrackets: () => ReturnType;
    };
  }
}

/** No names at all: tags stay empty (an editor configured without names, e.g. in tests). */
export const NO_NAMES: DelegationNames = { nameOf: () => null, subscribe: () => () => {}, version: () => 0 };

/**
 * Bracketed text: the TipTap mark `bracket` with the proposing delegation's id, which y-prosemirror stores
 * as the Yjs formatting attribute bracket={delegation} (see shared/doc/schema.ts). The server rewrites the
 * id to the sender's own delegation, so a pasted bracket keeps its mark here and is re-attributed there.
 *
 * Not inclusive: typing at a bracket's edge does not extend it. Highest mark priority, so a bracket is the
 * outermost element and bold or a link inside it does not split it into several [ ] pairs. A mark can hold
 * one bracket per character (ProseMirror marks exclude themselves), so brackets never nest.
 * Shown as <span class="bracket" data-tag="…"><span class="bracket-text">…</span></span>; the square
 * brackets and the delegation tag are drawn by CSS, so they are never part of the text.
 */
export const BracketMark = Mark.create<BracketMarkOptions>({
  name: BRACKET_MARK,
  priority: 1100,
  inclusive: false,

  addOptions() {
    return { names: NO_NAMES };
  },

  addAttributes() {
    return {
      delegation: {
        default: null,
        parseHTML: (element) => element.getAttribute('data-delegation'),
        renderHTML: (attributes) => (attributes.delegation ? { 'data-delegation': String(attributes.delegation) } : {}),
      },
    };
  },

  parseHTML() {
    return [{ tag: 'span.bracket[data-delegation]' }];
  },

  renderHTML({ HTMLAttributes }) {
    return ['span', { ...HTMLAttributes, class: 'bracket' }, ['span', { class: 'bracket-text' }, 0]];
  },

  addMarkView() {
    const names = this.options.names;
    return ({ mark }) => bracketView(typeof mark.attrs.delegation === 'string' ? mark.attrs.delegation : null, names);
  },

  addCommands() {
    return {
      setBracket:
        (delegation) =>
        ({ commands, state }) =>
          !state.selection.empty && commands.setMark(this.name, { delegation }),
      liftBrackets:
        () =>
        ({ commands }) =>
          commands.unsetMark(this.name, { extendEmptyMarkRange: true }),
    };
  },
});

/** The DOM of one bracket, whose tag follows the names as they load. */
function bracketView(delegation: string | null, names: DelegationNames): MarkView {
  const dom = document.createElement('span');
  dom.className = 'bracket';
  const contentDOM = document.createElement('span');
  contentDOM.className = 'bracket-text';
  dom.append(contentDOM);
  if (delegation) dom.dataset.delegation = delegation;
  const show = () => {
    const name = delegation ? names.nameOf(delegation) : null;
    dom.dataset.tag = name ?? '';
    dom.title = name ? `Bracketed by ${name}` : 'Bracketed';
  };
  show();
  const unsubscribe = names.subscribe(show);
  return {
    dom,
    contentDOM,
    // The tag and title are ours, not content: changing them must not make ProseMirror re-read the text.
    ignoreMutation: (mutation: ViewMutationRecord) => mutation.type === 'attributes' && mutation.target === dom,
    destroy: unsubscribe,
  };
}

/** Whether the selection touches bracketed text (the caret counts when it sits in or next to a bracket). */
export function selectionHasBracket(state: EditorState): boolean {
  const type = state.schema.marks[BRACKET_MARK];
  if (!type) return false;
  const { from, to, empty, $from } = state.selection;
  if (!empty) return state.doc.rangeHasMark(from, to, type);
  const around = [$from.nodeBefore, $from.nodeAfter];
  return around.some((node) => node !== null && type.isInSet(node.marks) !== undefined);
}
