import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { colourSlots, PROPOSAL_COLOURS, proposalColourRules } from '../../../client/amendments/proposalColours.js';
import { countByDelegation, groupByClause, proposalsIn } from '../../../client/amendments/groupProposals.js';
import { proposalsTracker, type ProposalsTracker } from '../../../client/amendments/proposalsTracker.js';
import { sameProposals } from '../../../client/amendments/useDraftProposals.js';
import { describeDecision } from '../../../client/amendments/describeProposal.js';
import { readProposals, type Proposal } from '../../../shared/amendments/proposals.js';
import { decideInBody } from '../../../shared/amendments/decideProposals.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { DELETION_MARK, getClauses, getOrder, INSERTION_MARK } from '../../../shared/doc/schema.js';

const US = 'delegationUS0000';
const NO = 'delegationNO0000';
const DK = 'delegationDK0000';

/** A tracker fed by the same observers useDraftProposals attaches. */
function observedTracker(doc: Y.Doc): ProposalsTracker {
  const tracker = proposalsTracker(doc);
  getClauses(doc).observeDeep((events) => tracker.clausesChanged(events));
  getOrder(doc).observe(() => tracker.orderChanged());
  return tracker;
}

function firstText(doc: Y.Doc, id: string): Y.XmlText {
  return (readClause(doc, id)!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

const proposal = (id: string, clauseId: string, delegationId: string, kind: Proposal['kind'] = 'insertion', text = 'words'): Proposal => ({
  id,
  clauseId,
  delegationId,
  kind,
  text,
});

describe('the proposals panel’s reading of the live text', () => {
  it('reads the same proposals as readProposals after every kind of change, re-reading only what changed', () => {
    const doc = new Y.Doc();
    const [a, b, c] = ['a', 'b', 'c'].map((id) =>
      addClause(doc, { id: `clause${id}000000000`, kind: 'operative', paragraphs: ['Subscribing States will cooperate.'] }),
    ) as [string, string, string];
    const tracker = observedTracker(doc);
    const check = () => expect(tracker.read()).toEqual(readProposals(doc));

    check();
    firstText(doc, a).insert(0, 'Where possible, ', { [INSERTION_MARK]: { id: 'proposalUS000001', delegation: US } });
    check();
    firstText(doc, b).format(0, 10, { [DELETION_MARK]: { id: 'proposalNO000001', delegation: NO } });
    firstText(doc, c).insert(10, ' also', { [INSERTION_MARK]: { id: 'proposalDK000001', delegation: DK } });
    check();
    expect(tracker.read().map((p) => [p.clauseId, p.kind, p.text])).toEqual([
      [a, 'insertion', 'Where possible, '],
      [b, 'deletion', 'Subscribin'],
      [c, 'insertion', ' also'],
    ]);
    // Typing inside a proposal extends it; moving a clause reorders the list; deciding removes one.
    firstText(doc, a).insert(5, 'ver', { [INSERTION_MARK]: { id: 'proposalUS000001', delegation: US } });
    moveClause(doc, c, { before: a });
    check();
    expect(tracker.read().map((p) => p.clauseId)).toEqual([c, a, b]);
    doc.transact(() => decideInBody(readClause(doc, b)!.body, new Set(['proposalNO000001']), 'accept'));
    check();
    deleteClause(doc, c);
    check();
    expect(tracker.read().map((p) => p.id)).toEqual(['proposalUS000001']);
    expect(tracker.read()).toEqual(tracker.read());
  });

  it('tells an unchanged reading from a changed one, so the page re-renders only for a change', () => {
    const one = [proposal('p1', 'c1', US), proposal('p2', 'c1', NO, 'deletion')];
    expect(
      sameProposals(
        one,
        one.map((p) => ({ ...p })),
      ),
    ).toBe(true);
    expect(sameProposals(one, [one[0]!, { ...one[1]!, text: 'more words' }])).toBe(false);
    expect(sameProposals(one, [one[1]!, one[0]!])).toBe(false);
    expect(sameProposals(one, one.slice(1))).toBe(false);
  });
});

describe('grouping and counting proposals', () => {
  const list = [
    proposal('p1', 'c1', US),
    proposal('p2', 'c1', NO, 'deletion'),
    proposal('p3', 'c2', US),
    proposal('p4', 'c3', DK),
    proposal('p5', 'c3', NO),
  ];
  const names: Record<string, string> = { [US]: 'United States', [NO]: 'Norway', [DK]: 'Denmark' };
  const nameOf = (id: string) => names[id] ?? null;

  it('groups by clause in the reading order, keeping each clause’s order', () => {
    expect(groupByClause(list).map((g) => [g.clauseId, g.proposals.map((p) => p.id)])).toEqual([
      ['c1', ['p1', 'p2']],
      ['c2', ['p3']],
      ['c3', ['p4', 'p5']],
    ]);
    expect(groupByClause([])).toEqual([]);
  });

  it('counts per delegation, most first, equal counts by name', () => {
    expect(countByDelegation(list, nameOf)).toEqual([
      { delegationId: NO, count: 2 },
      { delegationId: US, count: 2 },
      { delegationId: DK, count: 1 },
    ]);
    // A delegation whose name is not known yet sorts by its id and is still counted.
    expect(countByDelegation([proposal('p9', 'c1', 'delegationZZ0000')], nameOf)).toEqual([{ delegationId: 'delegationZZ0000', count: 1 }]);
  });

  it('picks the proposals of a bulk decision’s scope: the draft, a clause, a delegation, or both', () => {
    const ids = (scope: Parameters<typeof proposalsIn>[1]) => proposalsIn(list, scope).map((p) => p.id);
    expect(ids({})).toEqual(['p1', 'p2', 'p3', 'p4', 'p5']);
    expect(ids({ clauseId: 'c1' })).toEqual(['p1', 'p2']);
    expect(ids({ delegationId: NO })).toEqual(['p2', 'p5']);
    expect(ids({ clauseId: 'c3', delegationId: NO })).toEqual(['p5']);
    expect(ids({ clauseId: 'c2', delegationId: NO })).toEqual([]);
  });

  it('announces a decision with whose proposal it was and how many are left', () => {
    expect(describeDecision(list[1]!, 'reject', nameOf, 4)).toBe('Rejected the deletion by Norway. 4 proposals left.');
    expect(describeDecision(list[0]!, 'accept', () => null, 1)).toBe('Accepted the insertion by a delegation. 1 proposal left.');
  });
});

describe('each delegation’s colour', () => {
  it('gives every page the same colour for a delegation, all different up to the palette’s size', () => {
    const ids = Array.from({ length: PROPOSAL_COLOURS }, (_, i) => `delegation${String(i).padStart(6, '0')}`);
    const slots = colourSlots([...ids].reverse());
    expect(new Set(slots.values()).size).toBe(PROPOSAL_COLOURS);
    expect(colourSlots(ids)).toEqual(slots);
    // One more delegation shares a colour instead of having none.
    expect(colourSlots([...ids, 'delegationzzzzzz']).get('delegationzzzzzz')).toBe(0);
  });

  it('writes a rule per well-formed delegation id and never puts anything else into a selector', () => {
    const rules = proposalColourRules(
      new Map([
        [US, 0],
        ['"] *{display:none} [x="', 1],
      ]),
      'proposalUS000001',
    );
    expect(rules).toContain(`.proposal[data-delegation="${US}"]`);
    expect(rules).toContain('var(--proposal-ink-0)');
    expect(rules).toContain('.proposal[data-proposal-id="proposalUS000001"]');
    expect(rules).not.toContain('display:none');
    expect(proposalColourRules(new Map(), 'not an id"]')).toBe('');
  });
});
