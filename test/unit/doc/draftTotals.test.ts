import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { touchesProposals } from '../../../server/domain/negotiation/findBracketEdits.js';
import { decideInBody } from '../../../shared/amendments/decideProposals.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { BRACKET_MARK, DELETION_MARK, INSERTION_MARK } from '../../../shared/doc/schema.js';
import { countDraftTotals } from '../../../shared/negotiation/counts.js';

const US = 'delegationUS0000';

function firstText(doc: Y.Doc, id: string): Y.XmlText {
  return (readClause(doc, id)!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('a draft’s totals for the drafts list', () => {
  it('counts brackets, options and undecided proposals', () => {
    const doc = new Y.Doc();
    const a = addClause(doc, { kind: 'operative', paragraphs: ['Subscribing States will cooperate.'] });
    const b = addClause(doc, { kind: 'operative', paragraphs: ['They will report yearly.'] });
    expect(countDraftTotals(doc)).toEqual({ brackets: 0, options: 0, proposals: 0 });
    firstText(doc, a).insert(0, 'Where possible, ', { [INSERTION_MARK]: { id: 'proposalUS000001', delegation: US } });
    firstText(doc, b).format(0, 4, { [DELETION_MARK]: { id: 'proposalUS000002', delegation: US } });
    firstText(doc, b).format(5, 4, { [BRACKET_MARK]: { delegation: US } });
    expect(countDraftTotals(doc)).toEqual({ brackets: 1, options: 0, proposals: 2 });
    doc.transact(() => decideInBody(readClause(doc, b)!.body, new Set(['proposalUS000002']), 'reject'));
    expect(countDraftTotals(doc)).toEqual({ brackets: 1, options: 0, proposals: 1 });
  });
});

describe('which changes may change the proposal count (so the server counts again)', () => {
  it('sees proposals made and decided, and not plain typing or brackets', () => {
    const doc = new Y.Doc();
    const id = addClause(doc, { kind: 'operative', paragraphs: ['Subscribing States will cooperate.'] });
    const seen: boolean[] = [];
    doc.on('afterTransaction', (transaction: Y.Transaction) => seen.push(touchesProposals(transaction)));
    const after = (change: () => void) => {
      seen.length = 0;
      doc.transact(change);
      return seen.some(Boolean);
    };
    const text = () => firstText(doc, id);
    const mark = { [INSERTION_MARK]: { id: 'proposalUS000001', delegation: US } };
    expect(
      after(() => text().insert(0, 'Typed ')),
      'plain typing',
    ).toBe(false);
    expect(
      after(() => text().format(0, 5, { [BRACKET_MARK]: { delegation: US } })),
      'a bracket',
    ).toBe(false);
    expect(
      after(() => text().insert(0, 'Proposed ', mark)),
      'a proposed insertion',
    ).toBe(true);
    expect(
      after(() => text().format(20, 6, { [DELETION_MARK]: { id: 'proposalUS000002', delegation: US } })),
      'a proposed deletion',
    ).toBe(true);
    expect(
      after(() => decideInBody(readClause(doc, id)!.body, new Set(['proposalUS000001']), 'accept')),
      'accepting',
    ).toBe(true);
    expect(
      after(() => decideInBody(readClause(doc, id)!.body, new Set(['proposalUS000002']), 'accept')),
      'accepting a deletion',
    ).toBe(true);
    expect(countDraftTotals(doc).proposals).toBe(0);
  });
});
