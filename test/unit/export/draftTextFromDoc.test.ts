import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { draftTextFromDoc } from '../../../shared/export/draftTextFromDoc.js';
import type { Block } from '../../../shared/export/DraftText.js';
import { buildFixtureDoc, element, fillBody, FIXTURE_SOURCE, IDS, paragraph } from './fixtureDoc.js';
import { buildHostileDoc, DROPPED_TEXT, HOSTILE_IDS, INERT_MARKUP } from './hostileFixture.js';

const SOURCE = { draftId: 'draftUnitTest001', revision: null, versionLabel: null, date: '2025-01-02T03:04:05Z' };
const text = (s: string) => ({ text: s, marks: [] });

function bodyOf(...elements: Y.XmlElement[]): Block[] {
  const doc = new Y.Doc();
  addClause(doc, { kind: 'operative', id: 'clauseUnderTest0', heading: 'H', paragraphs: [] });
  fillBody(doc, 'clauseUnderTest0', elements);
  return draftTextFromDoc(doc, SOURCE).clauses[0]!.blocks;
}

describe('draftTextFromDoc', () => {
  it('reads the fixture into clauses in reading order with derived numbers, leaving out the deleted clause', () => {
    const draft = draftTextFromDoc(buildFixtureDoc(), FIXTURE_SOURCE);
    expect(draft).toMatchObject({
      format: 'draft-text/2',
      draftId: 'draftFixture0001',
      title: 'Code of Conduct on Export Controls and Human Rights',
      revision: 'Rev.2',
      versionLabel: 'Before the plenary',
      date: '2025-03-01T14:05:09.000Z',
    });
    expect(draft.clauses.map((c) => [c.id, c.kind, c.number, c.heading])).toEqual([
      [IDS.pp1, 'preambular', 'PP1', 'Recalling shared commitments'],
      [IDS.pp2, 'preambular', 'PP2', ''],
      [IDS.section, 'section', null, 'Commitments'],
      [IDS.op1, 'operative', 'OP1', 'Human rights in licence reviews'],
      [IDS.op2, 'operative', 'OP2', 'Stakeholders — Ελλάδα and Україна'],
    ]);
  });

  it('keeps bold, italic and both as marks in the order bold, italic, link', () => {
    const draft = draftTextFromDoc(buildFixtureDoc(), FIXTURE_SOURCE);
    expect(draft.clauses[0]!.blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          text('Recalling the commitments made by '),
          { text: 'Türkiye', marks: [{ type: 'bold' }] },
          text(', '),
          { text: 'Ελλάδα', marks: [{ type: 'italic' }] },
          text(', '),
          { text: 'Україна', marks: [{ type: 'bold' }, { type: 'italic' }] },
          text(" and Côte d'Ivoire,"),
        ],
      },
    ]);
  });

  it('keeps https and mailto links with their href only, dropping target, rel and class', () => {
    const draft = draftTextFromDoc(buildFixtureDoc(), FIXTURE_SOURCE);
    expect(draft.clauses[1]!.blocks).toEqual([
      {
        type: 'paragraph',
        content: [
          text('Noting the '),
          { text: 'Guiding Principles', marks: [{ type: 'link', href: 'https://www.ohchr.org/en/business' }] },
          text(' and the '),
          { text: 'contact point', marks: [{ type: 'link', href: 'mailto:secretariat@example.org' }] },
          text(','),
        ],
      },
    ]);
  });

  it('reads bullet and ordered lists with nested lists inside list items', () => {
    const draft = draftTextFromDoc(buildFixtureDoc(), FIXTURE_SOURCE);
    expect(draft.clauses[3]!.blocks).toEqual([
      { type: 'paragraph', content: [text('Participating States '), { text: 'will', marks: [{ type: 'bold' }] }, text(' consider:')] },
      {
        type: 'bulletList',
        items: [
          [
            { type: 'paragraph', content: [text('the risk of '), { text: 'serious', marks: [{ type: 'italic' }] }, text(' violations;')] },
            {
              type: 'orderedList',
              items: [[{ type: 'paragraph', content: [text('in Україна')] }], [{ type: 'paragraph', content: [text('in Ελλάδα')] }]],
            },
          ],
          [{ type: 'paragraph', content: [text("the end user in Côte d'Ivoire.")] }],
        ],
      },
    ]);
  });

  it('renumbers on every read, so a moved clause takes the number of its new place', () => {
    const doc = buildFixtureDoc();
    moveClause(doc, IDS.op2, { before: IDS.op1 });
    const numbers = draftTextFromDoc(doc, FIXTURE_SOURCE).clauses.map((c) => `${c.id}=${c.number}`);
    expect(numbers).toContain(`${IDS.op2}=OP1`);
    expect(numbers).toContain(`${IDS.op1}=OP2`);
  });

  it('gives the same DraftText for the same document every time, and equal content split differently reads the same', () => {
    expect(draftTextFromDoc(buildFixtureDoc(), FIXTURE_SOURCE)).toEqual(draftTextFromDoc(buildFixtureDoc(), FIXTURE_SOURCE));
    const split = bodyOf(paragraph('Hel', 'lo ', ['wor', { bold: {} }], ['ld', { bold: {} }]));
    expect(split).toEqual([{ type: 'paragraph', content: [text('Hello '), { text: 'world', marks: [{ type: 'bold' }] }] }]);
  });

  it('takes the title from the document unless the source names one, and normalises the date to UTC', () => {
    const doc = buildFixtureDoc();
    expect(draftTextFromDoc(doc, { ...SOURCE, title: '  Renamed\n draft ' }).title).toBe('Renamed draft');
    expect(draftTextFromDoc(doc, { ...SOURCE, date: '2025-03-01T16:05:09+02:00' }).date).toBe('2025-03-01T14:05:09.000Z');
  });

  it('refuses a date that is not a date rather than inventing one', () => {
    expect(() => draftTextFromDoc(buildFixtureDoc(), { ...SOURCE, date: 'yesterday' })).toThrow(RangeError);
  });

  it('reads mark keys y-prosemirror writes for overlapping marks (name--hash) and ignores marks switched off', () => {
    const blocks = bodyOf(paragraph(['a', { 'link--abc123': { href: 'https://example.org/' }, bold: null }], ['b', { italic: false }]));
    expect(blocks).toEqual([
      { type: 'paragraph', content: [{ text: 'a', marks: [{ type: 'link', href: 'https://example.org/' }] }, text('b')] },
    ]);
  });

  it('turns a hard break into a space, drops empty lists and items, and cuts lists nested deeper than six levels', () => {
    let deep = element('bulletList', element('listItem', paragraph('level 7')));
    for (let level = 6; level >= 1; level -= 1) deep = element('bulletList', element('listItem', paragraph(`level ${level}`), deep));
    const blocks = bodyOf(paragraph('one', element('hardBreak'), 'two'), element('orderedList', element('listItem')), deep);
    expect(blocks[0]).toEqual({ type: 'paragraph', content: [text('one two')] });
    expect(blocks).toHaveLength(2);
    expect(JSON.stringify(blocks)).toContain('level 6');
    expect(JSON.stringify(blocks)).not.toContain('level 7');
  });

  it('keeps an empty paragraph as a paragraph without runs', () => {
    expect(bodyOf(paragraph())).toEqual([{ type: 'paragraph', content: [] }]);
  });

  describe('with a hostile document', () => {
    const draft = draftTextFromDoc(buildHostileDoc(), SOURCE);
    const json = JSON.stringify(draft);

    it('drops unknown, script and style elements with their text, and text outside paragraphs', () => {
      for (const dropped of DROPPED_TEXT) expect(json).not.toContain(dropped);
      expect(json).toContain('kept item');
      expect(json).toContain('before after');
    });

    it('keeps markup typed as text as plain text, and the text of unknown marks without the marks', () => {
      const first = draft.clauses[1]!.blocks[0];
      expect(first).toEqual({ type: 'paragraph', content: [text(`${INERT_MARKUP} styled textstruckcoloured`)] });
    });

    it('drops every link that is not absolute http, https or mailto but keeps its text', () => {
      const links = draft.clauses[1]!.blocks[1]!;
      expect(links.type).toBe('paragraph');
      const runs = links.type === 'paragraph' ? links.content : [];
      expect(runs.filter((r) => r.marks.length > 0)).toEqual([
        { text: 'good link', marks: [{ type: 'link', href: 'https://example.org/ok' }] },
      ]);
      expect(runs[0]!.text).toContain('bad link 0 bad link 1');
    });

    it('skips clauses whose id is not of the system id shape and junk in the reading order', () => {
      expect(draft.clauses.map((c) => c.id)).toEqual([HOSTILE_IDS.section, HOSTILE_IDS.clause]);
    });

    it('strips control characters from headings and never reads element attributes', () => {
      expect(draft.clauses[1]!.heading).toBe('Evil heading <b>x</b>');
      expect(json).not.toMatch(/onclick|color:red|alert\([789]\)|alert\(10\)/);
    });
  });
});
