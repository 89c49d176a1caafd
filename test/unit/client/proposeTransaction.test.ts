import { getSchema } from '@tiptap/core';
import { Fragment, Slice, type Mark, type Node as PMNode, type Schema } from '@tiptap/pm/model';
import { EditorState, TextSelection, type Transaction } from '@tiptap/pm/state';
import StarterKit from '@tiptap/starter-kit';
import { describe, expect, it } from 'vitest';
import { BracketMark } from '../../../client/editor/bracketMark.js';
import { DeletionMark, InsertionMark } from '../../../client/editor/proposalMarks.js';
import { newProposalId } from '../../../client/editor/proposing/newProposalId.js';
import { onlyOwnFormatting, PROPOSING_REFUSAL, proposeTransaction } from '../../../client/editor/proposing/proposeTransaction.js';
import { isId } from '../../../shared/ids.js';
import { headlessClauseEditor, paragraph } from '../../helpers/headlessClauseEditor.js';

// The clause editor's schema as far as proposals are concerned (the real list adds the collaboration plugins).
const schema: Schema = getSchema([StarterKit.configure({ undoRedo: false }), BracketMark, InsertionMark, DeletionMark]);
const US = 'dlg-us';
const NO = 'dlg-no';
const OTHER_ID = 'NorwayProposal01';

const insertion = (id: string, delegation: string): Mark => schema.marks.insertion!.create({ id, delegation });
const deletion = (id: string, delegation: string): Mark => schema.marks.deletion!.create({ id, delegation });

/** A one-paragraph document from runs of [text, marks]. */
function docOf(...runs: Array<[string, Mark[]]>): PMNode {
  return schema.node('doc', null, [
    schema.node(
      'paragraph',
      null,
      runs.map(([text, marks]) => schema.text(text, marks)),
    ),
  ]);
}

/** A state with the caret (or selection) at paragraph offsets (position = offset + 1). */
function stateOf(doc: PMNode, anchor: number, head = anchor): EditorState {
  const state = EditorState.create({ doc, schema });
  return state.apply(state.tr.setSelection(TextSelection.create(state.doc, anchor + 1, head + 1)));
}

/** Paragraph runs as "text", "+text|delegation|id" (insertion) or "-text|delegation|id" (deletion). */
function runs(doc: PMNode): string[] {
  const out: string[] = [];
  doc.descendants((node) => {
    if (!node.isText) return true;
    const ins = node.marks.find((m) => m.type.name === 'insertion');
    const del = node.marks.find((m) => m.type.name === 'deletion');
    const mark = ins ?? del;
    out.push(mark ? `${ins ? '+' : '-'}${node.text}|${mark.attrs.delegation}|${mark.attrs.id}` : node.text!);
    return false;
  });
  return out;
}

/** Proposes `change(state.tr)` for the United States with ids id1, id2 … */
function propose(state: EditorState, change: (tr: Transaction) => Transaction) {
  let made = 0;
  const outcome = proposeTransaction(state, change(state.tr), { delegation: US, newId: () => `id${(made += 1)}` });
  return { ...outcome, state: outcome.tr ? state.apply(outcome.tr) : state, made: () => made };
}

/** Types text character by character as the browser would (each key one transaction), for the United States. */
function typeInto(state: EditorState, text: string, newId: () => string): EditorState {
  for (const character of text) {
    const { from, to } = state.selection;
    const outcome = proposeTransaction(state, state.tr.insertText(character, from, to), { delegation: US, newId });
    state = state.apply(outcome.tr!);
  }
  return state;
}

/** Offset of the caret in the paragraph. */
const caret = (state: EditorState) => state.selection.head - 1;

describe('proposing: a delegate’s typing in amendments mode becomes proposals', () => {
  it('marks typed text as an insertion of the delegation, keeping the accepted text', () => {
    const result = propose(stateOf(docOf(['States will act.', []]), 12), (tr) => tr.insertText('swiftly ', 13));
    expect(result.refused).toBeNull();
    expect(runs(result.state.doc)).toEqual(['States will ', '+swiftly |dlg-us|id1', 'act.']);
    expect(caret(result.state)).toBe(20);
  });

  it('keeps one id while the member goes on typing in one place, and starts a new one elsewhere', () => {
    let made = 0;
    const newId = () => `id${(made += 1)}`;
    let state = typeInto(stateOf(docOf(['States will act.', []]), 12), 'swiftly ', newId);
    expect(runs(state.doc)).toEqual(['States will ', '+swiftly |dlg-us|id1', 'act.']);
    expect(made).toBe(1);
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 1)));
    state = typeInto(state, 'All ', newId);
    expect(runs(state.doc)).toEqual(['+All |dlg-us|id2', 'States will ', '+swiftly |dlg-us|id1', 'act.']);
    // Back at the end of the first insertion, after a pause: the same proposal goes on.
    state = state.apply(state.tr.setSelection(TextSelection.create(state.doc, 1 + 'All States will swiftly '.length)));
    state = typeInto(state, 'and ', newId);
    expect(runs(state.doc)).toEqual(['+All |dlg-us|id2', 'States will ', '+swiftly and |dlg-us|id1', 'act.']);
  });

  it('strikes deleted accepted text instead of removing it, and walks the caret through it on Backspace and Delete', () => {
    const start = stateOf(docOf(['States will act.', []]), 11);
    const back = propose(start, (tr) => tr.delete(11, 12));
    expect(runs(back.state.doc)).toEqual(['States wil', '-l|dlg-us|id1', ' act.']);
    expect(caret(back.state)).toBe(10);
    // A second Backspace extends the same deletion.
    const again = propose(back.state, (tr) => tr.delete(10, 11));
    expect(runs(again.state.doc)).toEqual(['States wi', '-ll|dlg-us|id1', ' act.']);
    expect(caret(again.state)).toBe(9);
    expect(again.made()).toBe(0);

    const forward = propose(stateOf(docOf(['States will act.', []]), 6), (tr) => tr.delete(7, 8));
    expect(runs(forward.state.doc)).toEqual(['States', '- |dlg-us|id1', 'will act.']);
    expect(caret(forward.state)).toBe(7);
    const further = propose(forward.state, (tr) => tr.delete(8, 9));
    expect(runs(further.state.doc)).toEqual(['States', '- w|dlg-us|id1', 'ill act.']);
  });

  it('strikes a selection that is typed over and puts the new words after it, as two proposals', () => {
    const result = propose(stateOf(docOf(['States will act.', []]), 7, 11), (tr) => tr.insertText('shall', 8, 12));
    expect(runs(result.state.doc)).toEqual(['States ', '-will|dlg-us|id1', '+shall|dlg-us|id2', ' act.']);
    expect(caret(result.state)).toBe(16);
    // Cut or Delete on a selection: struck through, nothing removed.
    const cut = propose(stateOf(docOf(['States will act.', []]), 7, 12), (tr) => tr.deleteSelection());
    expect(runs(cut.state.doc)).toEqual(['States ', '-will |dlg-us|id1', 'act.']);
  });

  it('removes text of the delegation’s own insertion outright', () => {
    const doc = docOf(['States ', []], ['will ', [insertion('usProposal000001', US)]], ['act.', []]);
    const one = propose(stateOf(doc, 12), (tr) => tr.delete(12, 13));
    expect(runs(one.state.doc)).toEqual(['States ', '+will|dlg-us|usProposal000001', 'act.']);
    const all = propose(stateOf(doc, 0, 16), (tr) => tr.deleteSelection());
    // The accepted words on either side become one deletion once the insertion between them is gone.
    expect(runs(all.state.doc)).toEqual(['-States act.|dlg-us|id1']);
  });

  it('leaves another delegation’s proposals exactly as they are', () => {
    const doc = docOf(['States ', []], ['will ', [insertion(OTHER_ID, NO)]], ['act ', [deletion('NorwayDeletion01', NO)]], ['now.', []]);
    // Backspace into Norway's insertion: nothing changes but the caret, and the member is told why.
    const back = propose(stateOf(doc, 12), (tr) => tr.delete(12, 13));
    expect(runs(back.state.doc)).toEqual(runs(doc));
    expect(back.refused).toBe(PROPOSING_REFUSAL.others);
    expect(caret(back.state)).toBe(11);
    // A selection across both: the accepted text around them is struck, their passages stay untouched.
    const across = propose(stateOf(doc, 2, 18), (tr) => tr.deleteSelection());
    expect(runs(across.state.doc)).toEqual([
      'St',
      '-ates |dlg-us|id1',
      `+will |dlg-no|${OTHER_ID}`,
      '-act |dlg-no|NorwayDeletion01',
      '-no|dlg-us|id1',
      'w.',
    ]);
    // Typing inside Norway's insertion is refused rather than splitting or extending it.
    const inside = propose(stateOf(doc, 9), (tr) => tr.insertText('x', 10));
    expect(inside.tr).toBeNull();
    expect(inside.refused).toBe(PROPOSING_REFUSAL.others);
    // At its edge, the new words are the member's own proposal beside it.
    const edge = propose(stateOf(doc, 12), (tr) => tr.insertText('x', 13));
    expect(runs(edge.state.doc)).toEqual([
      'States ',
      `+will |dlg-no|${OTHER_ID}`,
      '+x|dlg-us|id1',
      '-act |dlg-no|NorwayDeletion01',
      'now.',
    ]);
    // Formatting it is refused too.
    const bold = propose(stateOf(doc, 7, 12), (tr) => tr.addMark(8, 13, schema.marks.bold!.create()));
    expect(bold.tr).toBeNull();
  });

  it('refuses new paragraphs, joined paragraphs, lists and formatting of accepted text', () => {
    const state = stateOf(docOf(['States will act.', []]), 6);
    expect(propose(state, (tr) => tr.split(7)).refused).toBe(PROPOSING_REFUSAL.structure);
    const two = EditorState.create({
      schema,
      doc: schema.node('doc', null, [
        schema.node('paragraph', null, [schema.text('One.')]),
        schema.node('paragraph', null, [schema.text('Two.')]),
      ]),
    });
    expect(propose(two, (tr) => tr.delete(5, 7)).refused).toBe(PROPOSING_REFUSAL.structure);
    const list = propose(state, (tr) =>
      tr.wrap(tr.doc.resolve(1).blockRange()!, [{ type: schema.nodes.bulletList! }, { type: schema.nodes.listItem! }]),
    );
    expect(list.refused).toBe(PROPOSING_REFUSAL.structure);
    expect(propose(state, (tr) => tr.addMark(1, 7, schema.marks.bold!.create())).refused).toBe(PROPOSING_REFUSAL.formatting);
  });

  it('lets the delegation format its own proposed words, and bracket accepted text', () => {
    const doc = docOf(['States ', []], ['will ', [insertion('usProposal000001', US)]], ['act.', []]);
    const bold = propose(stateOf(doc, 7, 12), (tr) => tr.addMark(8, 13, schema.marks.bold!.create()));
    expect(bold.refused).toBeNull();
    expect(
      bold.state.doc
        .nodeAt(8)!
        .marks.map((m) => m.type.name)
        .sort(),
    ).toEqual(['bold', 'insertion']);
    const bracket = propose(stateOf(doc, 0, 6), (tr) => tr.addMark(1, 7, schema.marks.bracket!.create({ delegation: US })));
    expect(bracket.refused).toBeNull();
    // Bracketed, not struck or proposed: the text stays accepted text.
    expect(runs(bracket.state.doc)).toEqual(['States', ' ', '+will |dlg-us|usProposal000001', 'act.']);
    expect(bracket.state.doc.nodeAt(1)!.marks.map((m) => m.type.name)).toEqual(['bracket']);
  });

  it('pastes a passage as one insertion without the proposal marks it was copied with', () => {
    const pasted = new Slice(Fragment.from(schema.node('paragraph', null, [schema.text('firmly ', [insertion(OTHER_ID, NO)])])), 1, 1);
    const result = propose(stateOf(docOf(['States will act.', []]), 12), (tr) => tr.replace(13, 13, pasted));
    expect(runs(result.state.doc)).toEqual(['States will ', '+firmly |dlg-us|id1', 'act.']);
  });

  it('passes changes that only format the delegation’s own words when they come from another plugin', () => {
    const doc = docOf(['See ', []], ['www.example.org', [insertion('usProposal000001', US)]]);
    const state = stateOf(doc, 4);
    expect(onlyOwnFormatting(state.tr.addMark(5, 20, schema.marks.link!.create({ href: 'https://www.example.org' })), US)).toBe(true);
    expect(onlyOwnFormatting(state.tr.addMark(1, 20, schema.marks.link!.create({ href: 'https://www.example.org' })), US)).toBe(false);
    expect(onlyOwnFormatting(state.tr.insertText('x', 2), US)).toBe(false);
  });

  it('makes ids of the shape the server requires, fresh each time', () => {
    const ids = Array.from({ length: 200 }, () => newProposalId());
    expect(ids.every((id) => isId(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    const result = proposeTransaction(stateOf(docOf(['Act.', []]), 0), stateOf(docOf(['Act.', []]), 0).tr.insertText('We ', 1), {
      delegation: US,
      newId: newProposalId,
    });
    const mark = result.tr!.doc.nodeAt(1)!.marks.find((m) => m.type.name === 'insertion')!;
    expect(isId(mark.attrs.id)).toBe(true);
    expect(mark.attrs.delegation).toBe(US);
  });
});

describe('proposing in the clause editor (clauseEditorExtensions with proposeAs)', () => {
  it('turns typing, Backspace and Enter into proposals or refusals, and typed brackets still work', () => {
    const refusals: string[] = [];
    const { editor, type, press } = headlessClauseEditor(paragraph('States will act.'), {
      proposeAs: US,
      bracketFor: US,
      onProposalRefused: (reason) => refusals.push(reason),
    });
    type(' [now]');
    const texts: Array<[string, string[]]> = [];
    editor.state.doc.descendants((node) => {
      if (node.isText) texts.push([node.text!, node.marks.map((m) => m.type.name).sort()]);
      return !node.isText;
    });
    expect(texts).toEqual([
      ['States will act.', []],
      [' ', ['insertion']],
      ['now', ['bracket', 'insertion']],
    ]);
    const ids = new Set<string>();
    editor.state.doc.descendants((node) => {
      const mark = node.marks.find((m) => m.type.name === 'insertion');
      if (mark) ids.add(String(mark.attrs.id));
    });
    expect([...ids].every((id) => isId(id))).toBe(true);
    expect(ids.size).toBe(1);

    expect(press('Enter')).toBe(true);
    expect(editor.state.doc.childCount).toBe(1);
    expect(refusals).toEqual([PROPOSING_REFUSAL.structure]);
    // Backspace at the start of the text would join paragraphs; with one paragraph there is nothing to join.
    editor.commands.setTextSelection(1);
    editor.commands.deleteRange({ from: 1, to: 7 });
    expect(editor.state.doc.textContent).toBe('States will act. now');
    expect(editor.state.doc.nodeAt(1)!.marks.map((m) => m.type.name)).toEqual(['deletion']);
  });

  it('edits directly without proposeAs, as before', () => {
    const { editor, type } = headlessClauseEditor(paragraph('States will act.'));
    type('!');
    editor.commands.deleteRange({ from: 1, to: 8 });
    expect(editor.state.doc.textContent).toBe('will act.!');
    expect(JSON.stringify(editor.getJSON())).not.toMatch(/insertion|deletion/);
  });
});
