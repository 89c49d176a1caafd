import { describe, expect, it } from 'vitest';
import { compareDrafts } from '../../../shared/compare/compareDrafts.js';
import { DraftComparison } from '../../../shared/compare/DraftComparison.js';
import { bold, draft, paragraphs, redline, type FixtureClause } from './fixtures.js';

const BASE: FixtureClause[] = [
  { id: 'pp-recalling', kind: 'preambular', heading: 'Recalling', body: ['Recalling the Universal Declaration of Human Rights,'] },
  { id: 'op-licences', heading: 'Licence reviews', body: ['Participating States will consider human rights in licence reviews.'] },
  { id: 'op-stakeholders', heading: 'Stakeholders', body: ['They will consult civil society and industry.'] },
  { id: 'op-information', heading: 'Information', body: ['They will share information on threats and risks.'] },
  { id: 'op-capacity', heading: 'Capacity', body: ['They will build the capacity of others.'] },
];

const byId = (result: DraftComparison, id: string) => result.clauses.find((c) => c.id === id)!;
const withClause = (id: string, change: Partial<FixtureClause>) => BASE.map((c) => (c.id === id ? { ...c, ...change } : c));

describe('compareDrafts: clause by clause, matched by id', () => {
  it('finds every clause unchanged and none moved when both sides are identical', () => {
    const result = compareDrafts(draft(BASE), draft(BASE));
    expect(result.summary).toEqual({ added: 0, removed: 0, changed: 0, unchanged: 5, moved: 0 });
    for (const clause of result.clauses) {
      expect(clause.paragraphs.every((p) => p.change === 'equal')).toBe(true);
      expect(clause.from!.number).toBe(clause.to!.number);
    }
    expect(DraftComparison.parse(result)).toEqual(result);
  });

  it('marks only the moved clause as moved, with its old and new number, and not the clauses it pushed down', () => {
    const moved = [BASE[0]!, BASE[4]!, BASE[1]!, BASE[2]!, BASE[3]!];
    const result = compareDrafts(draft(BASE), draft(moved));
    const capacity = byId(result, 'op-capacity');
    expect(capacity).toMatchObject({
      change: 'unchanged',
      moved: true,
      from: { number: 'OP4', position: 4 },
      to: { number: 'OP1', position: 1 },
    });
    expect(byId(result, 'op-licences')).toMatchObject({
      change: 'unchanged',
      moved: false,
      from: { number: 'OP1' },
      to: { number: 'OP2' },
    });
    expect(result.summary).toMatchObject({ moved: 1, unchanged: 5 });
    expect(result.clauses.map((c) => c.id)).toEqual(moved.map((c) => c.id));
  });

  it('lists a deleted clause where it stood, all struck through, and renumbers the rest without calling them moved', () => {
    const result = compareDrafts(draft(BASE), draft(BASE.filter((c) => c.id !== 'op-stakeholders')));
    expect(result.clauses.map((c) => c.id)).toEqual(BASE.map((c) => c.id));
    const gone = byId(result, 'op-stakeholders');
    expect(gone).toMatchObject({ change: 'removed', moved: false, from: { number: 'OP2' }, to: null });
    expect(redline(gone.heading)).toBe('[-Stakeholders-]');
    expect(paragraphs(gone.paragraphs)).toEqual([['deleted', '[-They will consult civil society and industry.-]']]);
    expect(byId(result, 'op-information')).toMatchObject({
      change: 'unchanged',
      moved: false,
      from: { number: 'OP3' },
      to: { number: 'OP2' },
    });
    expect(result.summary).toEqual({ added: 0, removed: 1, changed: 0, unchanged: 4, moved: 0 });
  });

  it('puts a clause deleted from the very top first', () => {
    const result = compareDrafts(draft(BASE), draft(BASE.slice(1)));
    expect(result.clauses[0]).toMatchObject({ id: 'pp-recalling', change: 'removed', from: { number: 'PP1', position: 0 } });
  });

  it('shows added clauses with their new numbers, inserted whole', () => {
    const bis: FixtureClause = { id: 'op-bis', heading: 'Due diligence', body: ['They will encourage industry due diligence.'] };
    const result = compareDrafts(draft(BASE), draft([...BASE.slice(0, 2), bis, ...BASE.slice(2)]));
    const clause = byId(result, 'op-bis');
    expect(clause).toMatchObject({ change: 'added', moved: false, from: null, to: { number: 'OP2', position: 2 } });
    expect(redline(clause.heading)).toBe('{+Due diligence+}');
    expect(paragraphs(clause.paragraphs)).toEqual([['inserted', '{+They will encourage industry due diligence.+}']]);
    expect(result.summary).toEqual({ added: 1, removed: 0, changed: 0, unchanged: 5, moved: 0 });
  });

  it('reports a clause moved and changed at once, with a word-level redline', () => {
    const edited = { ...BASE[3]!, body: ['They will promptly share information on threats.'] };
    const result = compareDrafts(draft(BASE), draft([BASE[0]!, edited, BASE[1]!, BASE[2]!, BASE[4]!]));
    const clause = byId(result, 'op-information');
    expect(clause).toMatchObject({ change: 'changed', moved: true, from: { number: 'OP3' }, to: { number: 'OP1' } });
    expect(paragraphs(clause.paragraphs)).toEqual([['changed', 'They will {+promptly +}share information on threats [-and risks-].']]);
    expect(result.summary).toMatchObject({ changed: 1, moved: 1 });
  });

  it('shows an emptied clause as its old text deleted, with nothing inserted', () => {
    const result = compareDrafts(draft(BASE), draft(withClause('op-capacity', { body: [''] })));
    const clause = byId(result, 'op-capacity');
    expect(clause.change).toBe('changed');
    expect(paragraphs(clause.paragraphs)).toEqual([['changed', '[-They will build the capacity of others.-]']]);
  });

  it('shows a clause whose body was removed entirely as its paragraphs deleted', () => {
    const clause = byId(compareDrafts(draft(BASE), draft(withClause('op-capacity', { body: [] }))), 'op-capacity');
    expect(paragraphs(clause.paragraphs)).toEqual([['deleted', '[-They will build the capacity of others.-]']]);
  });

  it('reports a heading-only change with the body all equal', () => {
    const clause = byId(
      compareDrafts(draft(BASE), draft(withClause('op-licences', { heading: 'Human rights in licence reviews' }))),
      'op-licences',
    );
    expect(clause.change).toBe('changed');
    expect(redline(clause.heading)).toBe('[-Licence -]{+Human rights in licence +}reviews');
    expect(clause.paragraphs.map((p) => p.change)).toEqual(['equal']);
  });

  it('counts a change of kind as a change', () => {
    const clause = byId(compareDrafts(draft(BASE), draft(withClause('op-capacity', { kind: 'preambular' }))), 'op-capacity');
    expect(clause).toMatchObject({
      change: 'changed',
      from: { kind: 'operative', number: 'OP4' },
      to: { kind: 'preambular', number: 'PP2' },
    });
  });

  it('ignores a difference of white space between words', () => {
    const clause = byId(
      compareDrafts(draft(BASE), draft(withClause('op-capacity', { body: ['They will  build the capacity of others.'] }))),
      'op-capacity',
    );
    expect(clause.change).toBe('unchanged');
  });

  it('pairs an edited paragraph with its new version when a paragraph is inserted before it', () => {
    const before = withClause('op-licences', { body: ['First paragraph stays.', 'States will weigh the risk of internal repression.'] });
    const after = withClause('op-licences', {
      body: [
        'First paragraph stays.',
        'A wholly new paragraph about transparency.',
        'States will carefully weigh the risk of internal repression.',
      ],
    });
    const clause = byId(compareDrafts(draft(before), draft(after)), 'op-licences');
    expect(paragraphs(clause.paragraphs)).toEqual([
      ['equal', 'First paragraph stays.'],
      ['inserted', '{+A wholly new paragraph about transparency.+}'],
      ['changed', 'States will {+carefully +}weigh the risk of internal repression.'],
    ]);
  });

  it('keeps inline marks in the redline, and shows a word that became bold as replaced', () => {
    const before = withClause('op-licences', {
      body: [
        [
          { text: 'States ', marks: [] },
          { text: 'shall', marks: bold },
          { text: ' consider risks.', marks: [] },
        ],
      ],
    });
    const after = withClause('op-licences', {
      body: [
        [
          { text: 'States ', marks: [] },
          { text: 'shall', marks: bold },
          { text: ' consider ', marks: [] },
          { text: 'serious', marks: bold },
          { text: ' risks.', marks: [] },
        ],
      ],
    });
    const segments = byId(compareDrafts(draft(before), draft(after)), 'op-licences').paragraphs[0]!.segments;
    expect(segments).toEqual([
      { text: 'States ', marks: [], change: 'equal' },
      { text: 'shall', marks: bold, change: 'equal' },
      { text: ' consider ', marks: [], change: 'equal' },
      { text: 'serious', marks: bold, change: 'inserted' },
      { text: ' ', marks: [], change: 'inserted' },
      { text: 'risks.', marks: [], change: 'equal' },
    ]);
    const plainToBold = withClause('op-licences', {
      body: [
        [
          { text: 'States ', marks: [] },
          { text: 'shall', marks: bold },
          { text: ' consider risks.', marks: [] },
        ],
      ],
    });
    const plain = withClause('op-licences', { body: ['States shall consider risks.'] });
    const swapped = byId(compareDrafts(draft(plain), draft(plainToBold)), 'op-licences').paragraphs[0]!.segments;
    expect(swapped.filter((s) => s.change !== 'equal')).toEqual([
      { text: 'shall ', marks: [], change: 'deleted' },
      { text: 'shall', marks: bold, change: 'inserted' },
      { text: ' ', marks: [], change: 'inserted' },
    ]);
  });

  it('keeps list structure: an item added to a list is inserted with its item number', () => {
    const list = (items: string[]) => ({
      type: 'bulletList' as const,
      items: items.map((text) => [{ type: 'paragraph' as const, content: [{ text, marks: [] }] }]),
    });
    const before = withClause('op-licences', { body: ['Intro:', list(['licence reviews;', 'stakeholder consultation.'])] });
    const after = withClause('op-licences', {
      body: ['Intro:', list(['licence reviews;', 'information sharing;', 'stakeholder consultation.'])],
    });
    const clause = byId(compareDrafts(draft(before), draft(after)), 'op-licences');
    expect(clause.paragraphs.map((p) => [p.change, p.list, p.startsItem])).toEqual([
      ['equal', [], false],
      ['equal', [{ type: 'bulletList', item: 1 }], true],
      ['inserted', [{ type: 'bulletList', item: 2 }], true],
      ['equal', [{ type: 'bulletList', item: 3 }], true],
    ]);
  });

  it('reports a changed title', () => {
    expect(compareDrafts(draft(BASE, 'Old title'), draft(BASE, 'New title')).title).toEqual({ from: 'Old title', to: 'New title' });
  });
});
