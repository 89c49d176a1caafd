import { describe, expect, it } from 'vitest';
import { bracketGroups } from '../../../shared/compare/bracketGroups.js';
import { compareDrafts } from '../../../shared/compare/compareDrafts.js';
import type { Inline, Mark } from '../../../shared/export/DraftText.js';
import { bold, draft, paragraphs, type FixtureClause } from './fixtures.js';

const NORWAY: Mark = { type: 'bracket', delegationId: 'delegationNorway', delegation: 'Norway' };
const US: Mark = { type: 'bracket', delegationId: 'delegation_USA00', delegation: 'United States' };
const run = (text: string, ...marks: Mark[]): Inline => ({ text, marks });
const clause = (...runs: Inline[]): FixtureClause[] => [{ id: 'op-licences', heading: 'Licences', body: [runs] }];
const compareBodies = (before: Inline[], after: Inline[]) => compareDrafts(draft(clause(...before)), draft(clause(...after))).clauses[0]!;

/** A redline written compactly, with each bracket's delegation: "[-x-]" deleted, "{+x+}" inserted, "⟦x⟧NO" bracketed. */
function shown(segments: ReadonlyArray<Inline & { change: string }>): string {
  return segments
    .map((s) => {
      const bracket = s.marks.find((m) => m.type === 'bracket');
      const text = bracket?.type === 'bracket' ? `⟦${s.text}⟧${bracket.delegation}` : s.text;
      return s.change === 'equal' ? text : s.change === 'deleted' ? `[-${text}-]` : `{+${text}+}`;
    })
    .join('');
}

describe('bracketGroups', () => {
  it('keeps a passage split by bold or a link together, as one bracket of one delegation', () => {
    const groups = bracketGroups([run('the '), run('firm ', NORWAY), run('commitments', { type: 'bold' }, NORWAY), run(' of all')]);
    expect(groups.map((g) => [g.bracket?.delegation ?? null, g.runs.map((r) => r.text).join('|')])).toEqual([
      [null, 'the '],
      ['Norway', 'firm |commitments'],
      [null, ' of all'],
    ]);
  });

  it('separates neighbouring passages of two delegations', () => {
    const groups = bracketGroups([run('one', NORWAY), run('two', US)]);
    expect(groups.map((g) => g.bracket?.delegationId)).toEqual(['delegationNorway', 'delegation_USA00']);
  });

  it('moves white space at either end of a passage outside it, unbracketed, and drops a bracket of white space only', () => {
    const groups = bracketGroups([run('a'), run(' firm words ', NORWAY), run('b'), run('   ', US), run('c')]);
    expect(groups.map((g) => [g.bracket?.delegation ?? null, g.runs.map((r) => r.text).join('|')])).toEqual([
      [null, 'a| '],
      ['Norway', 'firm words'],
      [null, ' |b|   |c'],
    ]);
    expect(groups[0]!.runs[1]!.marks).toEqual([]);
    expect(groups[2]!.runs[2]!.marks).toEqual([]);
  });

  it('keeps runs of other shapes (redline segments) with their own fields', () => {
    const groups = bracketGroups([
      { text: 'kept ', marks: [NORWAY], change: 'equal' },
      { text: 'gone', marks: [NORWAY], change: 'deleted' },
    ]);
    expect(groups).toEqual([
      {
        bracket: NORWAY,
        runs: [
          { text: 'kept ', marks: [NORWAY], change: 'equal' },
          { text: 'gone', marks: [NORWAY], change: 'deleted' },
        ],
      },
    ]);
  });
});

describe('compareDrafts with brackets', () => {
  it('shows a bracket put around unchanged words as a change: the plain words deleted, the bracketed ones inserted', () => {
    const result = compareBodies([run('States will review licences.')], [run('States will '), run('review', NORWAY), run(' licences.')]);
    expect(result.change).toBe('changed');
    expect(paragraphs(result.paragraphs)[0]![0]).toBe('changed');
    expect(shown(result.paragraphs[0]!.segments)).toBe('States will [-review -]{+⟦review⟧Norway+}{+ +}licences.');
  });

  it('shows a lifted bracket as a change: the bracketed words deleted with their delegation, the plain ones inserted', () => {
    const result = compareBodies([run('States will '), run('review', NORWAY), run(' licences.')], [run('States will review licences.')]);
    expect(result.change).toBe('changed');
    expect(shown(result.paragraphs[0]!.segments)).toBe('States will [-⟦review⟧Norway-][- -]{+review +}licences.');
  });

  it('shows a bracket taken over by another delegation as a change', () => {
    const result = compareBodies([run('States will '), run('review', NORWAY)], [run('States will '), run('review', US)]);
    expect(result.change).toBe('changed');
    expect(shown(result.paragraphs[0]!.segments)).toBe('States will [-⟦review⟧Norway-]{+⟦review⟧United States+}');
  });

  it('keeps an edit inside a bracket inside it: kept words stay bracketed and equal', () => {
    const result = compareBodies(
      [run('States will '), run('carefully review', NORWAY), run(' licences.')],
      [run('States will '), run('promptly review', NORWAY), run(' licences.')],
    );
    expect(shown(result.paragraphs[0]!.segments)).toBe('States will [-⟦carefully ⟧Norway-]{+⟦promptly ⟧Norway+}⟦review⟧Norway licences.');
  });

  it('keeps a bracket whole when its last word is replaced, the spaces after it changing outside it', () => {
    const result = compareBodies(
      [run('States will act '), run('promptly and fully', NORWAY), run(' and report.')],
      [run('States will act '), run('promptly and carefully', NORWAY), run(' and report.')],
    );
    const segments = result.paragraphs[0]!.segments;
    expect(shown(segments)).toBe('States will act ⟦promptly and ⟧Norway[-⟦fully⟧Norway-]{+⟦carefully⟧Norway+}[- -]{+ +}and report.');
    expect(bracketGroups(segments).filter((g) => g.bracket !== null)).toHaveLength(1);
    const side = (change: string) =>
      segments
        .filter((s) => s.change !== change)
        .map((s) => s.text)
        .join('');
    expect([side('inserted'), side('deleted')]).toEqual([
      'States will act promptly and fully and report.',
      'States will act promptly and carefully and report.',
    ]);
  });

  it('finds a clause unchanged when only the bracketing delegation was renamed', () => {
    const renamed = { ...NORWAY, delegation: 'Kingdom of Norway' };
    const result = compareBodies([run('States will '), run('review', NORWAY)], [run('States will '), run('review', renamed)]);
    expect(result.change).toBe('unchanged');
  });

  it('finds bracketed text unchanged when nothing changed, bold inside the bracket included', () => {
    const body = [run('States '), run('will', bold[0]!, NORWAY), run(' review', NORWAY)];
    expect(compareBodies(body, body).change).toBe('unchanged');
  });
});
