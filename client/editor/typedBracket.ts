import { Extension, InputRule } from '@tiptap/core';
import { BRACKET_MARK } from '../../shared/doc/schema.js';

export interface TypedBracketOptions {
  /** The delegation whose bracket typed "[…]" becomes; null (the secretariat, reviewers) leaves the characters as typed. */
  delegation: string | null;
}

/**
 * A "]" typed right after text that a "[" in the same paragraph opens (with no other square bracket in
 * between). Group 1 is the text between. TipTap matches it against the paragraph's text up to the caret
 * with the typed character added.
 */
export const TYPED_BRACKET = /\[([^[\]]+)\]$/;

/** Where non-text content sits in the text TipTap matches input rules against. */
const OBJECT_REPLACEMENT = '\ufffc';

/**
 * Negotiators type square brackets by habit: "[" text "]" typed by a delegate becomes a bracket of their
 * delegation, exactly as the toolbar's "Bracket" makes it (the `bracket` mark with `{ delegation }`; the
 * server re-attributes it to the sender anyway), and the two typed characters go. Backspace right after
 * puts the characters back (TipTap's undoInputRule). Only text in one paragraph, not blank text, and not
 * while a selection would be replaced by the "]". Brackets do not nest: a pair typed around a bracket
 * takes it in.
 */
export const TypedBracket = Extension.create<TypedBracketOptions>({
  name: 'typedBracket',

  addOptions() {
    return { delegation: null };
  },

  addInputRules() {
    const { delegation } = this.options;
    if (!delegation) return [];
    return [
      new InputRule({
        find: TYPED_BRACKET,
        handler: ({ state, range, match }) => {
          const inner = match[1] ?? '';
          const type = state.schema.marks[BRACKET_MARK];
          if (!type || !state.selection.empty || inner.trim() === '' || inner.includes(OBJECT_REPLACEMENT)) return null;
          // range.from is the typed "[", range.to the caret; the "]" is not in the document (it is never inserted).
          const { tr } = state;
          tr.addMark(range.from + 1, range.to, type.create({ delegation }));
          tr.delete(range.from, range.from + 1);
          tr.removeStoredMark(type);
        },
      }),
    ];
  },
});
