import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { getClauses, getOrder } from '../../../shared/doc/schema.js';

const ids = (doc: Y.Doc) => readOrderedClauses(doc).map((c) => c.id);
const headings = (doc: Y.Doc) => readOrderedClauses(doc).map((c) => c.heading.toString());

function docWith(...names: string[]): Y.Doc {
  const doc = new Y.Doc();
  for (const name of names) addClause(doc, { kind: 'operative', heading: name, id: `${name}`.padEnd(16, '_') });
  return doc;
}
const id = (name: string) => name.padEnd(16, '_');

describe('addClause', () => {
  it('creates a clause with kind, a Y.Text heading and a paragraph body, appended at the end by default', () => {
    const doc = docWith('a');
    const added = addClause(doc, { kind: 'preambular', heading: 'Recalling', paragraphs: ['First.', 'Second.'] });
    expect(ids(doc)).toEqual([id('a'), added]);
    const clause = readClause(doc, added)!;
    expect(clause.kind).toBe('preambular');
    expect(clause.heading).toBeInstanceOf(Y.Text);
    expect(clause.heading.toString()).toBe('Recalling');
    expect(readParagraphs(clause.body)).toEqual(['First.', 'Second.']);
  });

  it('starts a clause body with one empty paragraph and a section body empty', () => {
    const doc = new Y.Doc();
    const op = addClause(doc, { kind: 'operative' });
    const section = addClause(doc, { kind: 'section', heading: 'Commitments' });
    expect(readParagraphs(readClause(doc, op)!.body)).toEqual(['']);
    expect(readClause(doc, section)!.body.length).toBe(0);
  });

  it('places a clause before, after or at a position in reading order', () => {
    const doc = docWith('a', 'b', 'c');
    addClause(doc, { kind: 'operative', heading: 'before-b', before: id('b') });
    addClause(doc, { kind: 'operative', heading: 'after-c', after: id('c') });
    addClause(doc, { kind: 'operative', heading: 'at-0', at: 0 });
    addClause(doc, { kind: 'operative', heading: 'at-99', at: 99 });
    expect(headings(doc)).toEqual(['at-0', 'a', 'before-b', 'b', 'c', 'after-c', 'at-99']);
  });

  it('puts the clause at the end when the reference clause was deleted meanwhile', () => {
    const doc = docWith('a', 'b');
    deleteClause(doc, id('a'));
    addClause(doc, { kind: 'operative', heading: 'new', after: id('a') });
    expect(headings(doc)).toEqual(['b', 'new']);
  });

  it('counts positions in reading order, not in the raw order array with its duplicates and junk', () => {
    const doc = docWith('a', 'b');
    getOrder(doc).insert(0, [id('b'), 42, 'no-such-clause']);
    expect(ids(doc)).toEqual([id('b'), id('a')]);
    addClause(doc, { kind: 'operative', heading: 'at-1', at: 1 });
    expect(headings(doc)).toEqual(['b', 'at-1', 'a']);
  });
});

describe('readOrderedClauses', () => {
  it('keeps the first occurrence of a duplicated id and skips ids without a well-formed clause', () => {
    const doc = docWith('a', 'b');
    const broken = new Y.Map<unknown>();
    doc.transact(() => {
      getClauses(doc).set(id('broken'), broken);
      broken.set('kind', 'amendment');
      broken.set('heading', new Y.Text('x'));
      broken.set('body', new Y.XmlFragment());
      getClauses(doc).set(id('notamap'), 'just a string');
      getOrder(doc).push([id('b'), id('a'), id('broken'), id('notamap'), null, { id: 'x' }]);
    });
    expect(ids(doc)).toEqual([id('a'), id('b')]);
    expect(readOrderedClauses(doc).map((c) => c.orderIndex)).toEqual([0, 1]);
  });

  it('refuses a clause whose body is an element or whose heading is not text', () => {
    const doc = new Y.Doc();
    doc.transact(() => {
      const clause = getClauses(doc).set(id('odd'), new Y.Map<unknown>());
      clause.set('kind', 'operative');
      clause.set('heading', 'plain string');
      clause.set('body', new Y.XmlFragment());
      const other = getClauses(doc).set(id('odd2'), new Y.Map<unknown>());
      other.set('kind', 'operative');
      other.set('heading', new Y.Text());
      other.set('body', new Y.XmlElement('paragraph'));
      getOrder(doc).push([id('odd'), id('odd2')]);
    });
    expect(readOrderedClauses(doc)).toEqual([]);
  });
});

describe('moveClause', () => {
  it('moves before, after and to an index among the other clauses', () => {
    const doc = docWith('a', 'b', 'c', 'd');
    expect(moveClause(doc, id('d'), { before: id('a') })).toBe(true);
    expect(headings(doc)).toEqual(['d', 'a', 'b', 'c']);
    moveClause(doc, id('d'), { after: id('b') });
    expect(headings(doc)).toEqual(['a', 'b', 'd', 'c']);
    moveClause(doc, id('a'), { at: 3 });
    expect(headings(doc)).toEqual(['b', 'd', 'c', 'a']);
    moveClause(doc, id('a'), { at: 0 });
    expect(headings(doc)).toEqual(['a', 'b', 'd', 'c']);
  });

  it('removes duplicates left by earlier concurrent moves', () => {
    const doc = docWith('a', 'b');
    getOrder(doc).push([id('a')]);
    moveClause(doc, id('a'), {});
    expect(getOrder(doc).toArray()).toEqual([id('b'), id('a')]);
  });

  it('changes nothing for an unknown clause or a placement relative to itself', () => {
    const doc = docWith('a', 'b');
    expect(moveClause(doc, id('zzz'), { at: 0 })).toBe(false);
    expect(moveClause(doc, id('a'), { after: id('a') })).toBe(false);
    expect(headings(doc)).toEqual(['a', 'b']);
  });

  it('converges to one reading order when two people move the same clause at once', () => {
    const left = docWith('a', 'b', 'c');
    const right = new Y.Doc();
    Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
    moveClause(left, id('c'), { at: 0 });
    moveClause(right, id('c'), { after: id('a') });
    Y.applyUpdate(left, Y.encodeStateAsUpdate(right));
    Y.applyUpdate(right, Y.encodeStateAsUpdate(left));
    expect(
      getOrder(left)
        .toArray()
        .filter((x) => x === id('c')),
    ).toHaveLength(2);
    expect(ids(left)).toEqual(ids(right));
    expect(ids(left)).toHaveLength(3);
  });
});

describe('deleteClause', () => {
  it('takes the clause out of the order but keeps it in clauses, and an undo brings it back', () => {
    const doc = docWith('a', 'b');
    const undo = new Y.UndoManager(getOrder(doc));
    expect(deleteClause(doc, id('a'))).toBe(true);
    expect(headings(doc)).toEqual(['b']);
    expect(readClause(doc, id('a'))?.heading.toString()).toBe('a');
    undo.undo();
    expect(headings(doc)).toEqual(['a', 'b']);
  });

  it('reports false for a clause that is not in the order', () => {
    const doc = docWith('a');
    expect(deleteClause(doc, id('nope'))).toBe(false);
  });
});
