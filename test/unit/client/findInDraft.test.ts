import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorToYXmlFragment } from '@tiptap/y-tiptap';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { BracketMark } from '../../../client/editor/bracketMark.js';
import { readDraftMatches } from '../../../client/find/draftMatches.js';
import { findHighlight } from '../../../client/find/findHighlight.js';
import { findHighlightsKey } from '../../../client/find/findHighlights.js';
import { findInText, searchPattern } from '../../../client/find/matchText.js';
import { pmTextblocks, yTextblocks } from '../../../client/find/textblocks.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { headlessClauseEditor, paragraph } from '../../helpers/headlessClauseEditor.js';

const schema = getSchema([StarterKit.configure({ undoRedo: false }), BracketMark]);
const ids = (doc: Y.Doc) => readOrderedClauses(doc).map((clause) => clause.id);

afterEach(() => findHighlight.set({ query: '', current: null }));

describe('matching text', () => {
  it('finds the query literally, ignoring case, left to right without overlaps', () => {
    const pattern = searchPattern('Risk')!;
    expect(findInText('risk, RISK and risky', pattern)).toEqual([
      { start: 0, end: 4 },
      { start: 6, end: 10 },
      { start: 15, end: 19 },
    ]);
    expect(findInText('aaaa', searchPattern('aa')!)).toEqual([
      { start: 0, end: 2 },
      { start: 2, end: 4 },
    ]);
    expect(findInText('costs (a.k.a. fees) [x]', searchPattern('(a.k.a.')!)).toEqual([{ start: 6, end: 13 }]);
    expect(findInText('[x] and x', searchPattern('[x]')!)).toEqual([{ start: 0, end: 3 }]);
  });

  it('finds nothing for a blank query', () => {
    expect(searchPattern('')).toBeNull();
    expect(searchPattern('   ')).toBeNull();
  });
});

describe('reading matches from the Yjs document', () => {
  it('finds in headings and texts of every clause, in the order given, but not in a "no text" option’s body', () => {
    const doc = new Y.Doc();
    const section = addClause(doc, { kind: 'section', heading: 'Risks' });
    const first = addClause(doc, {
      kind: 'operative',
      heading: 'Risk sharing',
      paragraphs: ['States share the risk.', 'No risk is small.'],
    });
    const second = addClause(doc, { kind: 'operative', paragraphs: ['Unrelated.'] });
    addClause(doc, { kind: 'operative', paragraphs: ['A risk kept aside.'], noText: true });
    expect(readDraftMatches(doc, ids(doc), 'RISK')).toEqual([
      { clauseId: section, field: 'heading', block: 0, start: 0, end: 4 },
      { clauseId: first, field: 'heading', block: 0, start: 0, end: 4 },
      { clauseId: first, field: 'body', block: 0, start: 17, end: 21 },
      { clauseId: first, field: 'body', block: 1, start: 3, end: 7 },
    ]);
    expect(readDraftMatches(doc, [second], 'risk')).toEqual([]);
    expect(readDraftMatches(doc, ids(doc), '  ')).toEqual([]);
  });

  it('reads a text paragraph by paragraph exactly as the editor holds it, across formatting, brackets and lists', () => {
    const bracket = schema.marks.bracket!.create({ delegation: 'dlg-us' });
    const bold = schema.marks.bold!.create();
    const pm = schema.node('doc', null, [
      schema.node('paragraph', null, [schema.text('take into '), schema.text('account the', [bracket]), schema.text(' risk', [bold])]),
      schema.node('bulletList', null, [
        schema.node('listItem', null, [schema.node('paragraph', null, [schema.text('first risk')])]),
        schema.node('listItem', null, [schema.node('paragraph')]),
      ]),
      schema.node('paragraph', null, [schema.text('last')]),
    ]);
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('body');
    prosemirrorToYXmlFragment(pm, fragment);
    expect(yTextblocks(fragment)).toEqual(['take into account the risk', 'first risk', '', 'last']);
    expect(pmTextblocks(pm).map((block) => block.text)).toEqual(yTextblocks(fragment));
    // Offsets into a paragraph are document positions from where its content starts.
    const [, list] = pmTextblocks(pm);
    expect(pm.textBetween(list!.pos + 6, list!.pos + 10)).toBe('risk');
  });
});

describe('marking matches in a clause editor', () => {
  function marks(editor: ReturnType<typeof headlessClauseEditor>['editor']) {
    return findHighlightsKey
      .getState(editor.state)!
      .find()
      .map(
        (decoration) =>
          `${editor.state.doc.textBetween(decoration.from, decoration.to)}:${(decoration as unknown as { type: { attrs: { class: string } } }).type.attrs.class}`,
      );
  }

  it('marks every match of its clause and the current one more strongly, and follows typing', () => {
    const { editor, type } = headlessClauseEditor(paragraph('Risk and more risk'));
    findHighlight.set({ query: 'risk', current: { clauseId: 'c1', field: 'body', block: 0, start: 14, end: 18 } });
    editor.view.dispatch(editor.state.tr.setMeta(findHighlightsKey, true));
    expect(marks(editor)).toEqual(['Risk:find-match', 'risk:find-match find-match-current']);
    type(' at risk');
    expect(marks(editor)).toHaveLength(3);
  });

  it('marks nothing when the current match is in another clause’s heading, or Find is closed', () => {
    const { editor } = headlessClauseEditor(paragraph('risk'));
    findHighlight.set({ query: 'risk', current: { clauseId: 'c1', field: 'heading', block: 0, start: 0, end: 4 } });
    editor.view.dispatch(editor.state.tr.setMeta(findHighlightsKey, true));
    expect(marks(editor)).toEqual(['risk:find-match']);
    findHighlight.set({ query: '', current: null });
    editor.view.dispatch(editor.state.tr.setMeta(findHighlightsKey, true));
    expect(marks(editor)).toEqual([]);
  });
});
