import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { describeClauseProposal } from '../../../client/amendments/ClauseProposalBanner.js';
import { describeDecision, KIND_NOUN, PROPOSAL_KIND_LABEL } from '../../../client/amendments/describeProposal.js';
import { proposalAnchor, proposalRanges, threadsOnProposal, type ThreadOnClause } from '../../../client/amendments/proposalComments.js';
import { proposalColourRules } from '../../../client/amendments/proposalColours.js';
import { proposalsTracker } from '../../../client/amendments/proposalsTracker.js';
import { passageRange } from '../../../client/comments/isPassagePresent.js';
import { CLAUSE_PROPOSAL_KINDS, decideClauseProposal, readAmendments, type Amendment } from '../../../shared/amendments/clauseProposals.js';
import { PROPOSAL_KINDS } from '../../../shared/amendments/proposals.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { CLAUSE_FIELD, DELETION_MARK, getClauses, getOrder, INSERTION_MARK } from '../../../shared/doc/schema.js';

const US = 'delegationUS0000';
const NO = 'delegationNO0000';

function paragraphText(doc: Y.Doc, clauseId: string, paragraph = 0): Y.XmlText {
  return (readClause(doc, clauseId)!.body.get(paragraph) as Y.XmlElement).get(0) as Y.XmlText;
}

describe('proposals on whole clauses in the proposals panel’s reading', () => {
  it('lists a proposed new clause and a proposed deletion with the text proposals, following their changes', () => {
    const doc = new Y.Doc();
    const first = addClause(doc, { id: 'clauseA000000000', kind: 'operative', paragraphs: ['Subscribing States will cooperate.'] });
    const tracker = proposalsTracker(doc);
    getClauses(doc).observeDeep((events) => tracker.clausesChanged(events));
    getOrder(doc).observe(() => tracker.orderChanged());
    const check = () => expect(tracker.read()).toEqual(readAmendments(doc));

    const proposed = addClause(doc, {
      id: 'clauseB000000000',
      kind: 'operative',
      after: first,
      paragraphs: ['New words.'],
      proposedBy: { id: 'proposalUS000001', delegation: US },
    });
    check();
    expect(tracker.read().map((p) => [p.kind, p.clauseId, p.text])).toEqual([['clause-insertion', proposed, 'New words.']]);

    // The delegation writes its proposed clause directly: a heading, more words; the listing follows.
    readClause(doc, proposed)!.heading.insert(0, 'Cooperation');
    check();
    paragraphText(doc, proposed).insert(9, ' and more');
    check();
    expect(tracker.read()[0]!.text).toBe('Cooperation\nNew words and more.');

    readClause(doc, first)!.map.set(CLAUSE_FIELD.deletionProposedBy, { id: 'proposalNO000001', delegation: NO });
    paragraphText(doc, first).insert(0, 'All ', { [INSERTION_MARK]: { id: 'proposalUS000002', delegation: US } });
    check();
    expect(tracker.read().map((p) => [p.kind, p.id])).toEqual([
      ['clause-deletion', 'proposalNO000001'],
      ['insertion', 'proposalUS000002'],
      ['clause-insertion', 'proposalUS000001'],
    ]);

    // Decided: accepting the deletion takes the clause (and its text proposal) out; rejecting the new clause too.
    doc.transact(() => decideClauseProposal(doc, readClause(doc, first)!, 'clause-deletion', 'accept'));
    check();
    doc.transact(() => decideClauseProposal(doc, readClause(doc, proposed)!, 'clause-insertion', 'reject'));
    check();
    expect(tracker.read()).toEqual([]);
  });

  it('names every kind of proposal, in the panel and in announcements', () => {
    for (const kind of [...PROPOSAL_KINDS, ...CLAUSE_PROPOSAL_KINDS]) {
      expect(PROPOSAL_KIND_LABEL[kind]).toMatch(/^[A-Z]/);
      expect(KIND_NOUN[kind]).toMatch(/^[a-z]/);
    }
    expect(PROPOSAL_KIND_LABEL['clause-insertion']).toBe('New clause');
    expect(PROPOSAL_KIND_LABEL['clause-deletion']).toBe('Delete clause');
    const proposal: Amendment = { id: 'p1', clauseId: 'c1', delegationId: NO, kind: 'clause-deletion', text: 'Text' };
    expect(describeDecision(proposal, 'accept', () => 'Norway', 0)).toBe(
      'Accepted the proposed deletion of a clause by Norway. 0 proposals left.',
    );
    expect(describeClauseProposal('new', 'United States')).toBe('Proposed new clause — United States');
    expect(describeClauseProposal('deletion', 'Norway')).toBe('Deletion proposed by Norway');
  });

  it('colours a proposed clause and its banner by delegation, and outlines the banner of the one picked', () => {
    const rules = proposalColourRules(new Map([[US, 2]]), 'proposalUS000001');
    expect(rules).toContain(`.clause-proposal[data-delegation="${US}"]`);
    expect(rules).toContain(`.clause[data-proposed-by="${US}"]`);
    expect(rules).toContain('.clause-proposal[data-proposal-id="proposalUS000001"]');
  });
});

describe('comment threads on proposals', () => {
  function draftWithProposals() {
    const doc = new Y.Doc();
    const id = addClause(doc, {
      id: 'clauseA000000000',
      kind: 'operative',
      paragraphs: ['Subscribing States will cooperate.', 'They will report yearly.'],
    });
    const first = paragraphText(doc, id, 0);
    const second = paragraphText(doc, id, 1);
    first.insert(0, 'All ', { [INSERTION_MARK]: { id: 'proposalUS000001', delegation: US } });
    // "States" proposed for deletion by Norway.
    first.format(16, 6, { [DELETION_MARK]: { id: 'proposalNO000001', delegation: NO } });
    // One Norwegian deletion over both paragraphs' ends: "cooperate." and "yearly."
    first.format(28, 10, { [DELETION_MARK]: { id: 'proposalNO000002', delegation: NO } });
    second.format(17, 7, { [DELETION_MARK]: { id: 'proposalNO000002', delegation: NO } });
    return { doc, id, body: readClause(doc, id)!.body, first };
  }
  const quote = (text: string) => text;

  it('finds where each text proposal lies in the body, counting as the comments do', () => {
    const { body } = draftWithProposals();
    const ranges = proposalRanges(body);
    // "All Subscribing States will cooperate." is 38 characters; the second paragraph starts there.
    expect(ranges.get('proposalUS000001')).toEqual([{ from: 0, to: 4 }]);
    expect(ranges.get('proposalNO000001')).toEqual([{ from: 16, to: 22 }]);
    expect(ranges.get('proposalNO000002')).toEqual([
      { from: 28, to: 38 },
      { from: 38 + 17, to: 38 + 24 },
    ]);
  });

  it('anchors a thread on a proposal’s passage, which stays on it as the text around it changes', () => {
    const { doc, id, body, first } = draftWithProposals();
    const anchor = proposalAnchor(body, 'proposalNO000001', quote)!;
    expect(anchor.quote).toBe('States');
    expect(passageRange(doc, id, anchor)).toEqual({ from: 16, to: 22 });
    // Words typed just before and just after the passage stay outside it.
    first.insert(22, ' also');
    first.insert(16, 'the ');
    expect(passageRange(doc, id, anchor)).toEqual({ from: 20, to: 26 });

    const across = proposalAnchor(body, 'proposalNO000002', quote)!;
    expect(across.quote).toBe('cooperate.\nThey will report yearly.');
    expect(proposalAnchor(body, 'proposalXX000001', quote)).toBeNull();
    // Once rejected (its words gone, for an insertion), the passage no longer spans any text.
    const inserted = proposalAnchor(body, 'proposalUS000001', quote)!;
    first.delete(0, 4);
    expect(passageRange(doc, id, inserted)).toBeNull();
  });

  it('counts the threads whose passage overlaps a text proposal, and whole-clause threads for a clause proposal', () => {
    const { doc, id, body } = draftWithProposals();
    const ranges = proposalRanges(body);
    const anchorOf = (proposalId: string) => proposalAnchor(body, proposalId, quote);
    const threads: ThreadOnClause[] = [
      { id: 't1', clauseId: id, anchor: anchorOf('proposalNO000001') },
      { id: 't2', clauseId: id, anchor: anchorOf('proposalNO000002') },
      { id: 't3', clauseId: id, anchor: null },
      { id: 't4', clauseId: 'clauseB000000000', anchor: anchorOf('proposalNO000001') },
    ];
    const on = (proposal: Amendment) =>
      threadsOnProposal(proposal, threads, ranges, (thread) =>
        thread.anchor ? passageRange(doc, thread.clauseId, thread.anchor) : null,
      ).map((thread) => thread.id);
    const text = (proposalId: string): Amendment => ({ id: proposalId, clauseId: id, delegationId: NO, kind: 'deletion', text: '' });
    expect(on(text('proposalNO000001'))).toEqual(['t1']);
    expect(on(text('proposalNO000002'))).toEqual(['t2']);
    expect(on(text('proposalUS000001'))).toEqual([]);
    expect(on({ id: 'proposalNO000003', clauseId: id, delegationId: NO, kind: 'clause-deletion', text: '' })).toEqual(['t3']);
  });
});
