import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ComparisonView } from '../../../client/versions/ComparisonView.js';
import { renderRedlineDocx } from '../../../server/export/redline/renderRedlineDocx.js';
import { renderRedlineHtml } from '../../../server/export/redline/renderRedlineHtml.js';
import type { CompareResult } from '../../../shared/api/versions.js';
import { decideClauseProposal, type ClauseProposalKind } from '../../../shared/amendments/clauseProposals.js';
import type { Decision } from '../../../shared/amendments/decideProposals.js';
import { compareDrafts } from '../../../shared/compare/compareDrafts.js';
import type { ClauseComparison, DraftComparison } from '../../../shared/compare/DraftComparison.js';
import { comparisonHasProposals, countProposalFates } from '../../../shared/compare/proposalFates.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { CLAUSE_FIELD } from '../../../shared/doc/schema.js';
import { attr, elements, textOf } from '../export/htmlTree.js';
import { buildClauseProposalDoc, CLAUSE_PROPOSAL_CLAUSES, proposalDraft } from '../export/proposalFixture.js';
import { docxParts } from '../export/readers.js';
import { redlineFixtureSides } from '../export/redlineFixture.js';
import { draft } from './fixtures.js';

const { op3, op4 } = CLAUSE_PROPOSAL_CLAUSES;

/** The clause proposals fixture (the United States' new OP3, Norway's proposed deletion of OP4), then both decided. */
function decided(decision: Decision): Y.Doc {
  const doc = buildClauseProposalDoc();
  const decide = (id: string, kind: ClauseProposalKind) =>
    doc.transact(() => decideClauseProposal(doc, readClause(doc, id)!, kind, decision));
  decide(op3, 'clause-insertion');
  decide(op4, 'clause-deletion');
  return doc;
}

/** The fixture before the proposals were made: OP3 not yet proposed, OP4 without Norway's proposal. */
function beforeProposals(): Y.Doc {
  const doc = buildClauseProposalDoc();
  doc.transact(() => {
    decideClauseProposal(doc, readClause(doc, op3)!, 'clause-insertion', 'reject');
    readClause(doc, op4)!.map.delete(CLAUSE_FIELD.deletionProposedBy);
  });
  return doc;
}

const clauseOf = (result: DraftComparison, id: string): ClauseComparison => result.clauses.find((c) => c.id === id)!;
const fates = (clause: ClauseComparison) => (clause.proposals ?? []).map((p) => `${p.kind}:${p.delegation}:${p.fate}`);
const pending = () => proposalDraft(buildClauseProposalDoc());

describe('compareDrafts and proposals on whole clauses', () => {
  it('tells proposals made since the older text: a proposed clause is added, a proposed deletion changes its clause', () => {
    const result = compareDrafts(proposalDraft(beforeProposals()), pending());
    expect([clauseOf(result, op3).change, ...fates(clauseOf(result, op3))]).toEqual(['added', 'clause-insertion:United States:made']);
    expect([clauseOf(result, op4).change, ...fates(clauseOf(result, op4))]).toEqual(['changed', 'clause-deletion:Norway:made']);
  });

  it('tells accepted ones: the proposed clause stays (changed only by the decision), the clause proposed for deletion is removed', () => {
    const result = compareDrafts(pending(), proposalDraft(decided('accept')));
    expect([clauseOf(result, op3).change, ...fates(clauseOf(result, op3))]).toEqual(['changed', 'clause-insertion:United States:accepted']);
    expect(clauseOf(result, op3).paragraphs.every((p) => p.change === 'equal')).toBe(true);
    expect([clauseOf(result, op4).change, ...fates(clauseOf(result, op4))]).toEqual(['removed', 'clause-deletion:Norway:accepted']);
  });

  it('tells rejected ones: the proposed clause is removed, the clause proposed for deletion stays', () => {
    const result = compareDrafts(pending(), proposalDraft(decided('reject')));
    expect([clauseOf(result, op3).change, ...fates(clauseOf(result, op3))]).toEqual(['removed', 'clause-insertion:United States:rejected']);
    expect([clauseOf(result, op4).change, ...fates(clauseOf(result, op4))]).toEqual(['changed', 'clause-deletion:Norway:rejected']);
  });

  it('keeps undecided ones pending, the clause unchanged, and counts clause proposals with the others (6 passages, 2 clauses)', () => {
    const same = compareDrafts(pending(), pending());
    expect([clauseOf(same, op3).change, ...fates(clauseOf(same, op3))]).toEqual(['unchanged', 'clause-insertion:United States:pending']);
    expect(countProposalFates(same)).toEqual({ pending: 8, made: 0, accepted: 0, rejected: 0 });
    expect(countProposalFates(compareDrafts(pending(), proposalDraft(decided('accept'))))).toMatchObject({ accepted: 2 });
  });

  it('adds nothing to comparisons of clauses without clause proposals', () => {
    const result = compareDrafts(
      draft([{ id: 'clause-0000000001', body: ['States will act.'] }]),
      draft([{ id: 'clause-0000000001', body: ['States will act now.'] }]),
    );
    expect('proposals' in result.clauses[0]!).toBe(false);
    expect(comparisonHasProposals(result)).toBe(false);
  });
});

describe('redlines and the compare page show proposals on whole clauses with their fate', async () => {
  const accepted = compareDrafts(pending(), proposalDraft(decided('accept')));
  const sides = redlineFixtureSides();

  it('HTML redline: a line under each such clause’s heading', () => {
    const all = elements(renderRedlineHtml(accepted, sides));
    expect(all.filter((e) => (attr(e, 'class') ?? '').startsWith('clause-proposal ')).map(textOf)).toEqual([
      'Proposed new clause — United States, accepted',
      'Deletion proposed by Norway, accepted',
    ]);
  });

  it('DOCX redline: the same lines as notes', async () => {
    const documentXml = docxParts(await renderRedlineDocx(accepted, sides))['word/document.xml']!;
    expect(documentXml).toContain('Proposed new clause — United States, accepted');
    expect(documentXml).toContain('Deletion proposed by Norway, accepted');
  });

  it('the compare page: the lines on the clauses, and the counts (Norway’s passage in the rejected clause went with it)', () => {
    const rejected = compareDrafts(pending(), proposalDraft(decided('reject')));
    const compared = {
      from: { kind: 'live', at: '2025-03-01T14:05:09.000Z' },
      to: { kind: 'live', at: '2025-03-02T14:05:09.000Z' },
      comparison: rejected,
    } as unknown as CompareResult;
    const all = elements(
      renderToStaticMarkup(
        createElement(ComparisonView, { draftId: 'draftProposals01', from: 'a', to: 'b', result: compared, onRefresh: null }),
      ),
    );
    expect(all.filter((e) => (attr(e, 'class') ?? '').startsWith('version-clause-proposal ')).map(textOf)).toEqual([
      'Proposed new clause — United States, rejected',
      'Deletion proposed by Norway, rejected',
    ]);
    expect(all.filter((e) => attr(e, 'class') === 'compare-proposals').map(textOf)[0]).toMatch(
      /^Proposals: 0 new, 0 accepted, 3 rejected, 5 still undecided\./,
    );
  });
});
