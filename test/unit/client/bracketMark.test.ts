import { getSchema } from '@tiptap/core';
import type { Mark, Node as PMNode, Schema } from '@tiptap/pm/model';
import StarterKit from '@tiptap/starter-kit';
import { prosemirrorToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeCounts } from '../../../client/common/draft/describeCounts.js';
import { BracketMark } from '../../../client/editor/bracketMark.js';
import { createDelegationNames } from '../../../client/editor/delegationNames.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { BRACKET_MARK } from '../../../shared/doc/schema.js';
import { readBracketRuns } from '../../../shared/negotiation/brackets.js';
import { countNegotiation } from '../../../shared/negotiation/counts.js';

// The clause editor's schema as far as brackets are concerned (the real list adds the collaboration plugins).
const schema: Schema = getSchema([StarterKit.configure({ undoRedo: false }), BracketMark]);
const bracket = (delegation: string): Mark => schema.marks[BRACKET_MARK]!.create({ delegation });
const bold = (): Mark => schema.marks.bold!.create();

function paragraphDoc(...parts: Array<[string, Mark[]]>): PMNode {
  return schema.node('doc', null, [
    schema.node(
      'paragraph',
      null,
      parts.map(([text, marks]) => schema.text(text, marks)),
    ),
  ]);
}

function deltaOf(fragment: Y.XmlFragment): Array<{ insert: string; attributes?: Record<string, unknown> }> {
  return ((fragment.get(0) as Y.XmlElement).get(0) as Y.XmlText).toDelta();
}

describe('BracketMark, the bracket as the editor and y-prosemirror store it', () => {
  it('is stored in Yjs as the formatting attribute bracket={delegation} that the server and the counts read', () => {
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('body');
    prosemirrorToYXmlFragment(paragraphDoc(['take into account ', []], ['the risk', [bracket('dlg-us')]], [' of misuse.', []]), fragment);
    expect(deltaOf(fragment)).toEqual([
      { insert: 'take into account ' },
      { insert: 'the risk', attributes: { bracket: { delegation: 'dlg-us' } } },
      { insert: ' of misuse.' },
    ]);
    expect(readBracketRuns(fragment)).toEqual([{ delegation: 'dlg-us', text: 'the risk' }]);
  });

  it('comes back from Yjs as the same mark, so a bracket another person added shows in every editor', () => {
    const doc = new Y.Doc();
    const id = addClause(doc, { kind: 'operative', paragraphs: ['States will consider the risk.'] });
    const body = readClause(doc, id)!.body;
    const text = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text.format(21, 8, { bracket: { delegation: 'dlg-dk' } });
    const node = yXmlFragmentToProseMirrorRootNode(body, schema);
    const marked = node.firstChild!.child(1);
    expect(marked.text).toBe('the risk');
    expect(marked.marks.map((m) => [m.type.name, m.attrs])).toEqual([[BRACKET_MARK, { delegation: 'dlg-dk' }]]);
    expect(countNegotiation(doc).clauses[id]).toEqual({ brackets: 1, options: 0 });
  });

  it('is the outermost mark, so bold inside a bracket does not split it into two brackets', () => {
    expect(Object.keys(schema.marks)[0]).toBe(BRACKET_MARK);
    const doc = new Y.Doc();
    const fragment = doc.getXmlFragment('body');
    prosemirrorToYXmlFragment(paragraphDoc(['the ', [bracket('dlg-us')]], ['risk', [bracket('dlg-us'), bold()]]), fragment);
    expect(readBracketRuns(fragment)).toEqual([{ delegation: 'dlg-us', text: 'the risk' }]);
  });

  it('does not grow when someone types at its edge, and holds one bracket per character', () => {
    const type = schema.marks[BRACKET_MARK]!;
    expect(type.spec.inclusive).toBe(false);
    const text = schema.text('risk', [bracket('dlg-us')]);
    expect(text.mark(bracket('dlg-dk').addToSet(text.marks)).marks.map((m) => m.attrs.delegation)).toEqual(['dlg-dk']);
  });

  it('renders as a bracket span that parses back, so copied bracketed text pastes as bracketed text', () => {
    const spec = schema.marks[BRACKET_MARK]!.spec;
    expect(spec.toDOM!(bracket('dlg-us'), true)).toEqual([
      'span',
      { 'data-delegation': 'dlg-us', class: 'bracket' },
      ['span', { class: 'bracket-text' }, 0],
    ]);
    expect(spec.parseDOM?.map((rule) => rule.tag)).toEqual(['span.bracket[data-delegation]']);
  });
});

describe('delegation names for bracket tags', () => {
  it('loads the names for the first subscriber and tells subscribers when they arrive', async () => {
    let loads = 0;
    const names = createDelegationNames(async () => {
      loads += 1;
      return [{ id: 'dlg-us', name: 'United States' }];
    });
    expect(names.nameOf('dlg-us')).toBeNull();
    const arrived = new Promise<void>((resolve) => names.subscribe(resolve));
    await arrived;
    expect(names.nameOf('dlg-us')).toBe('United States');
    expect(loads).toBe(1);
  });
});

describe('describeCounts, the words for open brackets and options', () => {
  it('says both, with singular and plural', () => {
    expect(describeCounts({ brackets: 3, options: 2 })).toBe('3 brackets · 2 options');
    expect(describeCounts({ brackets: 1, options: 0 })).toBe('1 bracket · 0 options');
    expect(describeCounts({ brackets: 1, options: 1 }, 'options')).toBe('1 option');
  });
});
