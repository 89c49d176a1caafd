import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readProposalRuns } from '../../../shared/amendments/proposals.js';
import { DIRECT_HEADING, HEADING_REFUSAL, proposingHeading, type HeadingLens } from '../../../client/draft/headingLens.js';
import { diffText } from '../../../client/draft/diffText.js';

const US = 'delegationUS0001';
const NO = 'delegationNO0001';

function heading(build: (text: Y.Text) => void): Y.Text {
  const doc = new Y.Doc();
  const text = doc.getText('heading');
  build(text);
  return text;
}

/** Types into the field as a person would: the field's new value, turned into one change. */
function type(lens: HeadingLens, text: Y.Text, next: string): string | null {
  const change = diffText(lens.show(text), next);
  if (!change) return null;
  let refused: string | null = null;
  text.doc!.transact(() => {
    refused = lens.apply(text, change);
  });
  return refused;
}

/** The runs as [text, insertion delegation/id, deletion delegation/id] for short assertions. */
function runs(text: Y.Text): Array<[string, string | null, string | null]> {
  return readProposalRuns(text).map((run) => [
    run.text,
    run.insertion ? `${run.insertion.delegation}/${run.insertion.id}` : null,
    run.deletion ? `${run.deletion.delegation}/${run.deletion.id}` : null,
  ]);
}

function ids(...list: string[]): () => string {
  const queue = [...list];
  return () => {
    const next = queue.shift();
    if (!next) throw new Error('more ids asked for than expected');
    return next;
  };
}

describe('proposing in a heading', () => {
  it('makes typed words one insertion and struck words one deletion, showing the heading as if they were accepted', () => {
    const text = heading((t) => t.insert(0, 'Human rights'));
    const lens = proposingHeading(US, ids('usInsertion00001', 'usDeletion000001'));
    // Typed one character at a time, as the field reports it.
    for (const next of ['Human rights a', 'Human rights an', 'Human rights and']) type(lens, text, next);
    expect(runs(text)).toEqual([
      ['Human rights', null, null],
      [' and', `${US}/usInsertion00001`, null],
    ]);
    // Backspace twice at the end of "Human": both characters join one deletion.
    for (const next of ['Huma rights and', 'Hum rights and']) type(lens, text, next);
    expect(runs(text)).toEqual([
      ['Hum', null, null],
      ['an', null, `${US}/usDeletion000001`],
      [' rights', null, null],
      [' and', `${US}/usInsertion00001`, null],
    ]);
    expect(lens.show(text)).toBe('Hum rights and');
    expect(text.toString()).toBe('Human rights and');
  });

  it('removes its own proposed words outright and puts a replacement after the words it strikes', () => {
    const text = heading((t) => t.insert(0, 'Annual report'));
    const lens = proposingHeading(US, ids('usDeletion000001', 'usInsertion00001'));
    expect(type(lens, text, 'Yearly report')).toBeNull();
    expect(runs(text)).toEqual([
      ['Annual', null, `${US}/usDeletion000001`],
      ['Yearly', `${US}/usInsertion00001`, null],
      [' report', null, null],
    ]);
    // Taking back part of the own insertion deletes it, and the accepted text is untouched.
    type(lens, text, 'Year report');
    expect(runs(text)).toEqual([
      ['Annual', null, `${US}/usDeletion000001`],
      ['Year', `${US}/usInsertion00001`, null],
      [' report', null, null],
    ]);
  });

  it('never edits another delegation’s proposal: its insertion is hidden, its deletion cannot be deleted again', () => {
    const text = heading((t) => {
      t.insert(0, 'Global partnership');
      t.insert(6, ' digital', { insertion: { id: 'noInsertion00001', delegation: NO } });
      t.format(7 + 8, 11, { deletion: { id: 'noDeletion000001', delegation: NO } });
    });
    expect(text.toString()).toBe('Global digital partnership');
    const lens = proposingHeading(US, ids('usDeletion000002', 'usInsertion00002'));
    expect(lens.show(text)).toBe('Global partnership');
    // Selecting everything and typing: the accepted "Global" is struck, Norway's deletion stays as it was.
    expect(type(lens, text, 'Shared')).toBe(HEADING_REFUSAL.others);
    const noRuns = runs(text).filter(([, ins, del]) => `${ins}${del}`.includes(NO));
    expect(noRuns).toEqual([
      [' digital', `${NO}/noInsertion00001`, null],
      ['partnership', null, `${NO}/noDeletion000001`],
    ]);
    expect(runs(text)[0]).toEqual(['Global', null, `${US}/usDeletion000002`]);
    expect(runs(text).find(([t]) => t === 'Shared')).toEqual(['Shared', `${US}/usInsertion00002`, null]);
    // The accepted text (outside insertions) is what it was.
    const accepted = readProposalRuns(text)
      .filter((run) => run.insertion === null)
      .map((run) => run.text)
      .join('');
    expect(accepted).toBe('Global partnership');
  });

  it('edits directly with plain text that never joins a proposal beside it', () => {
    const text = heading((t) => {
      t.insert(0, 'Report');
      t.insert(6, ' annually', { insertion: { id: 'usInsertion00002', delegation: US } });
    });
    expect(DIRECT_HEADING.show(text)).toBe('Report annually');
    type(DIRECT_HEADING, text, 'Report annually!');
    expect(runs(text)).toEqual([
      ['Report', null, null],
      [' annually', `${US}/usInsertion00002`, null],
      ['!', null, null],
    ]);
  });
});
