import { Extension } from '@tiptap/core';
import { Fragment, Slice, type MarkType, type Node as PMNode } from '@tiptap/pm/model';
import { Plugin, type Transaction } from '@tiptap/pm/state';
import { ySyncPluginKey } from '@tiptap/y-tiptap';
import { DELETION_MARK, INSERTION_MARK } from '../../../shared/doc/schema.js';
import { newProposalId } from './newProposalId.js';
import { onlyOwnFormatting, proposeTransaction, proposingKey } from './proposeTransaction.js';

export interface ProposingOptions {
  /** The delegation this member proposes for; null (the secretariat, direct mode) edits directly. @default null */
  delegation: string | null;
  /** Told why a change was not made (or only partly), to say so beside the text. @default nothing */
  onRefused: (reason: string) => void;
  /** Makes proposal ids. @default newProposalId */
  newId: () => string;
}

/**
 * Amendments mode in a clause editor. With a delegation to propose for, every change this member makes in
 * the body goes through proposeTransaction on its way to the editor (TipTap's dispatchTransaction hook),
 * so it reaches the document, and through y-prosemirror the server, as a proposal; a change that cannot be
 * one is dropped and onRefused says why. Changes from elsewhere pass untouched: others' edits and this
 * member's undo and redo arrive from Yjs (y-prosemirror's own transactions), and undo takes back only
 * this member's own proposals. As a second line, the plugin's filter drops any other change to the text
 * (another plugin's appended transaction), except formatting of the delegation's own proposed words.
 *
 * In every mode, text pasted into a clause loses its proposal marks (a copied passage is not anyone's
 * proposal); when proposing, pasted paragraphs come in as one run of words, since a proposal cannot add
 * paragraphs.
 */
export const Proposing = Extension.create<ProposingOptions>({
  name: 'proposing',

  addOptions() {
    return { delegation: null, onRefused: () => {}, newId: newProposalId };
  },

  dispatchTransaction({ transaction, next }) {
    const { delegation, newId, onRefused } = this.options;
    if (!delegation || !transaction.docChanged || comesFromYjs(transaction) || transaction.getMeta(proposingKey) === true) {
      next(transaction);
      return;
    }
    const outcome = proposeTransaction(this.editor.state, transaction, { delegation, newId });
    if (outcome.refused) onRefused(outcome.refused);
    if (outcome.tr) next(outcome.tr);
  },

  addProseMirrorPlugins() {
    const { delegation } = this.options;
    return [
      new Plugin({
        key: proposingKey,
        filterTransaction: (tr) =>
          !delegation || !tr.docChanged || comesFromYjs(tr) || tr.getMeta(proposingKey) === true || onlyOwnFormatting(tr, delegation),
        props: {
          transformPasted: (slice, view) => {
            const { marks } = view.state.schema;
            const proposalTypes = [marks[INSERTION_MARK], marks[DELETION_MARK]].filter((type) => type !== undefined);
            const plain = new Slice(withoutMarks(slice.content, proposalTypes), slice.openStart, slice.openEnd);
            return delegation ? asOneRun(plain, view.state.schema.text(' ')) : plain;
          },
        },
      }),
    ];
  },
});

/** A change y-prosemirror made from the Yjs document: someone else's edit, or this member's undo or redo. */
function comesFromYjs(tr: Transaction): boolean {
  const meta = tr.getMeta(ySyncPluginKey) as { isChangeOrigin?: boolean } | undefined;
  return meta?.isChangeOrigin === true;
}

/** The fragment with the given marks taken off every text. */
function withoutMarks(fragment: Fragment, types: MarkType[]): Fragment {
  const nodes: PMNode[] = [];
  fragment.forEach((node) => {
    nodes.push(
      node.isText ? node.mark(node.marks.filter((mark) => !types.includes(mark.type))) : node.copy(withoutMarks(node.content, types)),
    );
  });
  return Fragment.fromArray(nodes);
}

/** The pasted text as words to put inside one paragraph: paragraphs and list items joined by `separator`. */
function asOneRun(slice: Slice, separator: PMNode): Slice {
  const runs: PMNode[][] = [];
  const loose: PMNode[] = [];
  slice.content.descendants((node) => {
    if (node.isTextblock) {
      const run: PMNode[] = [];
      node.content.forEach((child) => {
        if (child.isText) run.push(child);
      });
      if (run.length > 0) runs.push(run);
      return false;
    }
    if (node.isText) loose.push(node);
    return true;
  });
  if (loose.length > 0) runs.unshift(loose);
  const nodes = runs.flatMap((run, index) => (index === 0 ? run : [separator, ...run]));
  return new Slice(Fragment.fromArray(nodes), 0, 0);
}
