import { Fragment, type Mark, type MarkType, type Node as PMNode, type Slice } from '@tiptap/pm/model';
import { PluginKey, TextSelection, type EditorState, type Transaction } from '@tiptap/pm/state';
import { AddMarkStep, Mapping, RemoveMarkStep, ReplaceStep } from '@tiptap/pm/transform';
import { BRACKET_MARK, DELETION_MARK, INSERTION_MARK } from '../../../shared/doc/schema.js';

/** Why a change could not be proposed, in the words the editor shows. */
export const PROPOSING_REFUSAL = {
  structure: 'In amendments mode changes stay within a paragraph: new paragraphs, joined paragraphs and lists cannot be proposed.',
  others: 'That is another delegation’s proposal: only that delegation or the secretariat can change it.',
  formatting: 'In amendments mode the formatting of accepted text stays as it is; you can format the words you propose.',
} as const;

export interface ProposingContext {
  /** The delegation this member proposes for (the marks' `delegation`). */
  delegation: string;
  /** A fresh proposal id (newProposalId). */
  newId: () => string;
}

export interface ProposingOutcome {
  /** The transaction to apply instead of the member's own, or null to apply nothing. */
  tr: Transaction | null;
  /** Why the change, or part of it, was not made; null when it was made as asked. */
  refused: string | null;
}

/** Set on the transactions proposeTransaction builds, so they pass the proposing plugin's filter. */
export const proposingKey = new PluginKey('proposing');

/** Transaction metadata worth keeping on the rebuilt transaction (paste and cut handling, composition, pointer selection). */
const KEPT_META = ['uiEvent', 'paste', 'composition', 'pointer', 'addToHistory', 'preventAutolink'] as const;

class Refusal extends Error {}

/**
 * Turns a member's edit of a clause body into a proposal, for a delegate on a draft in amendments mode
 * (shared/amendments/proposals.ts; the server refuses anything else from them):
 * - inserted text (typed, pasted, dropped) gets `insertion` = { id, delegation }; text typed next to the
 *   delegation's own insertion joins it (same id), elsewhere it starts a new one (a fresh id);
 * - deleted accepted text stays, marked `deletion` = { id, delegation }; next to the delegation's own
 *   deletion it extends it, otherwise a new one. New text replacing a selection goes after the struck text;
 * - deleted text of the delegation's own insertion goes for good;
 * - another delegation's proposal is left exactly as it is: deleting over it skips it (and says so),
 *   typing inside it is refused, and so is formatting it;
 * - formatting (bold, italic, links) may change on the delegation's own proposed words only; brackets may
 *   also be set on accepted text (they change no text, and the server attributes them);
 * - changes of paragraph structure (Enter, joining paragraphs, lists) are refused: the accepted text is
 *   compared paragraph by paragraph, so a split or join would change it.
 * All or nothing: a refused step refuses the whole transaction (`tr` null), so a paste is never half
 * made. The caret goes where the person expects: after typed text; before the struck character on
 * Backspace and after it on Delete, so holding either key walks through the text marking it.
 */
export function proposeTransaction(state: EditorState, tr: Transaction, context: ProposingContext): ProposingOutcome {
  const insertion = state.schema.marks[INSERTION_MARK];
  const deletion = state.schema.marks[DELETION_MARK];
  if (!insertion || !deletion || !tr.docChanged) return { tr, refused: null };
  const proposal = new ProposalBuilder(state, context, insertion, deletion);
  try {
    tr.steps.forEach((step, index) => {
      // The step is written against the document before it; its positions go back through the earlier
      // original steps to the starting document, and forward through what has been built so far.
      // (A new Mapping, not mapping.slice: Mapping.invert inverts every map of a sliced mapping.)
      const back = new Mapping(tr.mapping.maps.slice(0, index)).invert();
      const toOut = (pos: number, assoc: number) => proposal.out.mapping.map(back.map(pos, assoc), assoc);
      if (step instanceof ReplaceStep) proposal.replace(step, tr.docs[index]!, toOut, isKeyDeletion(state, tr, step));
      else if (step instanceof AddMarkStep || step instanceof RemoveMarkStep) proposal.format(step, toOut);
      else throw new Refusal(PROPOSING_REFUSAL.structure);
    });
  } catch (error) {
    if (error instanceof Refusal) return { tr: null, refused: error.message };
    throw error;
  }
  return { tr: proposal.finish(tr), refused: proposal.skippedOthers ? PROPOSING_REFUSAL.others : null };
}

/**
 * True when the only step deletes the one character before a collapsed caret (Backspace) rather than the
 * one after it (Delete): the caret then goes before the struck text instead of after it.
 */
function isKeyDeletion(state: EditorState, tr: Transaction, step: ReplaceStep): boolean {
  const { selection } = state;
  return tr.steps.length === 1 && selection.empty && step.from < step.to && step.slice.size === 0 && selection.head === step.to;
}

/** The text a slice puts into a paragraph, or null when it brings paragraph structure (Enter, several paragraphs). */
export function inlineContent(slice: Slice): Fragment | null {
  if (slice.openStart !== slice.openEnd) return null;
  let content = slice.content;
  for (let depth = 0; depth < slice.openStart; depth += 1) {
    if (content.childCount !== 1) return null;
    content = content.firstChild!.content;
  }
  let inline = true;
  content.forEach((node) => {
    if (!node.isText) inline = false;
  });
  return inline ? content : null;
}

interface TextSegment {
  from: number;
  to: number;
  node: PMNode;
}

/** Builds the proposing transaction step by step from the state before the member's change. */
class ProposalBuilder {
  readonly out: Transaction;
  skippedOthers = false;
  private caret: number | null = null;
  private steps = 0;

  constructor(
    state: EditorState,
    private readonly context: ProposingContext,
    private readonly insertion: MarkType,
    private readonly deletion: MarkType,
  ) {
    this.out = state.tr;
  }

  /** A replace step: its deleted range becomes deletions (or goes, for own insertions), its content an insertion. */
  replace(step: ReplaceStep, before: PMNode, toOut: (pos: number, assoc: number) => number, backspace: boolean) {
    this.steps += 1;
    const inline = inlineContent(step.slice);
    const $from = before.resolve(step.from);
    const $to = before.resolve(step.to);
    if (!inline || !$from.parent.inlineContent || !$to.parent.inlineContent) throw new Refusal(PROPOSING_REFUSAL.structure);
    const { out } = this;
    const from = toOut(step.from, 1);
    const to = Math.max(from, toOut(step.to, -1));
    const segments = this.textBetween(from, to);
    // Joining two paragraphs (Backspace at the start of one) deletes no text: nothing to propose.
    if (!$from.sameParent($to) && segments.length === 0) throw new Refusal(PROPOSING_REFUSAL.structure);

    const toStrike: TextSegment[] = [];
    const toRemove: TextSegment[] = [];
    let deletionId: string | null = null;
    for (const segment of segments) {
      const inserted = this.insertion.isInSet(segment.node.marks);
      const deleted = this.deletion.isInSet(segment.node.marks);
      if (inserted) {
        if (this.isOwn(inserted)) toRemove.push(segment);
        else this.skippedOthers = true;
      } else if (deleted) {
        // Already proposed for deletion: by this delegation (extend that proposal), or by another (leave it).
        if (this.isOwn(deleted)) deletionId ??= String(deleted.attrs.id);
        else this.skippedOthers = true;
      } else {
        toStrike.push(segment);
      }
    }
    if (toStrike.length > 0) {
      const id =
        deletionId ??
        this.ownId(out.doc.resolve(from).nodeBefore, this.deletion) ??
        this.ownId(out.doc.resolve(to).nodeAfter, this.deletion) ??
        this.context.newId();
      const mark = this.deletion.create({ id, delegation: this.context.delegation });
      for (const segment of toStrike) out.addMark(segment.from, segment.to, mark);
    }
    const removalsStart = out.steps.length;
    for (const segment of [...toRemove].reverse()) out.delete(segment.from, segment.to);
    const removals = new Mapping(out.mapping.maps.slice(removalsStart));
    const start = removals.map(from, -1);
    const end = removals.map(to, 1);

    if (inline.size === 0) {
      this.caret = backspace ? start : end;
      return;
    }
    // New text goes after what it replaces (which stays, struck through), never inside another delegation's proposal.
    const $at = out.doc.resolve(end);
    if (this.insideOthersProposal($at.nodeBefore, $at.nodeAfter)) throw new Refusal(PROPOSING_REFUSAL.others);
    const id = this.ownId($at.nodeBefore, this.insertion) ?? this.ownId($at.nodeAfter, this.insertion) ?? this.context.newId();
    const mark = this.insertion.create({ id, delegation: this.context.delegation });
    const nodes: PMNode[] = [];
    inline.forEach((node) => {
      const kept = node.marks.filter((m) => m.type !== this.insertion && m.type !== this.deletion);
      nodes.push(node.mark(mark.addToSet(kept)));
    });
    const content = Fragment.fromArray(nodes);
    out.insert(end, content);
    this.caret = end + content.size;
  }

  /** A formatting step: on the delegation's own proposed words only (brackets on accepted text too). */
  format(step: AddMarkStep | RemoveMarkStep, toOut: (pos: number, assoc: number) => number) {
    this.steps += 1;
    const type = step.mark.type;
    if (type === this.insertion || type === this.deletion) throw new Refusal(PROPOSING_REFUSAL.formatting);
    const from = toOut(step.from, 1);
    const to = Math.max(from, toOut(step.to, -1));
    let ownWords = true;
    for (const { node } of this.textBetween(from, to)) {
      const inserted = this.insertion.isInSet(node.marks);
      const deleted = this.deletion.isInSet(node.marks);
      if ((inserted && !this.isOwn(inserted)) || (deleted && !this.isOwn(deleted))) throw new Refusal(PROPOSING_REFUSAL.others);
      if (!inserted) ownWords = false;
    }
    if (!ownWords && type.name !== BRACKET_MARK) throw new Refusal(PROPOSING_REFUSAL.formatting);
    if (step instanceof AddMarkStep) this.out.addMark(from, to, step.mark);
    else this.out.removeMark(from, to, step.mark);
  }

  /** The rebuilt transaction, with the caret placed and the original's metadata kept. */
  finish(original: Transaction): Transaction {
    const { out } = this;
    if (this.steps === 1 && this.caret !== null) {
      out.setSelection(TextSelection.near(out.doc.resolve(this.caret)));
    } else {
      const to = (pos: number) => out.mapping.map(original.mapping.invert().map(pos));
      const { anchor, head } = original.selection;
      out.setSelection(TextSelection.between(out.doc.resolve(to(anchor)), out.doc.resolve(to(head))));
    }
    for (const key of KEPT_META) {
      const value: unknown = original.getMeta(key);
      if (value !== undefined) out.setMeta(key, value);
    }
    if (original.scrolledIntoView) out.scrollIntoView();
    return out.setMeta(proposingKey, true);
  }

  private isOwn(mark: Mark): boolean {
    return mark.attrs.delegation === this.context.delegation;
  }

  /** The id of this delegation's proposal of `type` on `node`, or null. */
  private ownId(node: PMNode | null | undefined, type: MarkType): string | null {
    const mark = node?.isText ? type.isInSet(node.marks) : undefined;
    return mark && this.isOwn(mark) && typeof mark.attrs.id === 'string' ? mark.attrs.id : null;
  }

  /** True when the position between `before` and `after` lies inside one proposal of another delegation. */
  private insideOthersProposal(before: PMNode | null | undefined, after: PMNode | null | undefined): boolean {
    if (!before?.isText || !after?.isText) return false;
    return [this.insertion, this.deletion].some((type) => {
      const left = type.isInSet(before.marks);
      const right = type.isInSet(after.marks);
      return left !== undefined && right !== undefined && left.attrs.id === right.attrs.id && !this.isOwn(left);
    });
  }

  /** The text nodes between two positions of the document built so far, cut to the range. */
  private textBetween(from: number, to: number): TextSegment[] {
    const segments: TextSegment[] = [];
    if (from >= to) return segments;
    this.out.doc.nodesBetween(from, to, (node, pos) => {
      if (!node.isText) return true;
      segments.push({ from: Math.max(pos, from), to: Math.min(pos + node.nodeSize, to), node });
      return false;
    });
    return segments;
  }
}

/**
 * True when a transaction that did not come through proposeTransaction may still apply for a proposing
 * member: it only formats (or brackets) the delegation's own proposed words, as TipTap's autolink does when
 * it links a typed address. Anything else would reach the server as a direct edit, which it refuses.
 */
export function onlyOwnFormatting(tr: Transaction, delegation: string): boolean {
  const insertion = tr.docs[0]?.type.schema.marks[INSERTION_MARK];
  const deletion = tr.docs[0]?.type.schema.marks[DELETION_MARK];
  if (!insertion || !deletion) return true;
  return tr.steps.every((step, index) => {
    if (!(step instanceof AddMarkStep || step instanceof RemoveMarkStep)) return false;
    if (step.mark.type === insertion || step.mark.type === deletion) return false;
    let allowed = true;
    tr.docs[index]!.nodesBetween(step.from, step.to, (node) => {
      if (!node.isText) return true;
      const inserted = insertion.isInSet(node.marks);
      if (!inserted || inserted.attrs.delegation !== delegation) allowed = false;
      return false;
    });
    return allowed;
  });
}
