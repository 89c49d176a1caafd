import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { ComparisonView } from '../../../client/versions/ComparisonView.js';
import { renderRedlineDocx } from '../../../server/export/redline/renderRedlineDocx.js';
import { renderRedlineHtml } from '../../../server/export/redline/renderRedlineHtml.js';
import { REDLINE_PROPOSALS_NOTE } from '../../../server/export/redline/redlineDescription.js';
import { decideInBody } from '../../../shared/amendments/decideProposals.js';
import { bodyTexts } from '../../../shared/amendments/proposals.js';
import { compareDrafts } from '../../../shared/compare/compareDrafts.js';
import type { ClauseComparison, DraftComparison, RedlineSegment } from '../../../shared/compare/DraftComparison.js';
import { countProposalFates } from '../../../shared/compare/proposalFates.js';
import { readClause } from '../../../shared/doc/readClause.js';
import type { CompareResult } from '../../../shared/api/versions.js';
import { attr, elements, textOf, within } from '../export/htmlTree.js';
import { DELEGATIONS } from '../export/negotiationFixture.js';
import { buildHeadingProposalDoc, buildProposalDoc, PROPOSAL_CLAUSES, PROPOSAL_IDS, proposalDraft } from '../export/proposalFixture.js';
import { docxParts } from '../export/readers.js';
import { redlineFixtureSides } from '../export/redlineFixture.js';
import { draft, redline } from './fixtures.js';

const NEW_NORWAY_INSERTION = 'propNOwidely0001';

/**
 * The proposals fixture, then the same draft after the secretariat decided: the United States' insertion in
 * OP1 accepted, Norway's deletion there rejected, the hostile delegation's deletion accepted, the United
 * States' insertion in OP2 rejected; Norway's insertion in PP1 still pending; and Norway's new insertion
 * " widely" in OP2's second item.
 */
function decidedDoc(): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(buildProposalDoc()));
  const op1 = readClause(doc, PROPOSAL_CLAUSES.op1)!.body;
  const op2 = readClause(doc, PROPOSAL_CLAUSES.op2)!.body;
  doc.transact(() => {
    decideInBody(op1, new Set([PROPOSAL_IDS.usInsert, PROPOSAL_IDS.hostileDelete]), 'accept');
    decideInBody(op1, new Set([PROPOSAL_IDS.noDelete]), 'reject');
    decideInBody(op2, new Set([PROPOSAL_IDS.usInList]), 'reject');
    const publish = bodyTexts(op2).at(-1)!;
    publish.insert(publish.length - 1, ' widely', { insertion: { id: NEW_NORWAY_INSERTION, delegation: DELEGATIONS.norway.id } });
  });
  return doc;
}

function comparison(): DraftComparison {
  return compareDrafts(proposalDraft(), proposalDraft(decidedDoc()));
}

const clauseOf = (result: DraftComparison, id: string): ClauseComparison => result.clauses.find((c) => c.id === id)!;

/** Segments as [text, change, "kind:delegation:fate" ...]. */
const shown = (segments: readonly RedlineSegment[]) =>
  segments.map((s) => [s.text, s.change, ...(s.proposals ?? []).map((p) => `${p.kind}:${p.delegation}:${p.fate}`)]);

describe('compareDrafts and proposals', () => {
  it('shows an accepted insertion as kept text, a rejected deletion as kept text, an accepted deletion as deleted text, each with its fate', () => {
    const op1 = clauseOf(comparison(), PROPOSAL_CLAUSES.op1);
    expect(op1.change).toBe('changed');
    expect(shown(op1.paragraphs[0]!.segments)).toEqual([
      ['States will ', 'equal'],
      ['promptly', 'equal', 'insertion:United States:accepted'],
      [' and ', 'equal', 'insertion:United States:accepted'],
      ['review', 'equal'],
      [' all', 'equal', 'deletion:Norway:rejected'],
      [' ', 'equal'],
      ['licences', 'deleted', `deletion:${DELEGATIONS.hostile.name}:accepted`],
      ['.', 'equal'],
    ]);
    // The accepted insertion keeps its bold; proposal marks never stay among a segment's marks.
    expect(op1.paragraphs[0]!.segments[1]!.marks).toEqual([{ type: 'bold' }]);
  });

  it('shows a rejected insertion as deleted, a new proposal as inserted and new, a pending one as pending', () => {
    const result = comparison();
    const op2 = clauseOf(result, PROPOSAL_CLAUSES.op2);
    expect(op2.paragraphs.map((p) => [p.change, redline(p.segments)])).toEqual([
      ['changed', 'Report [-annually-];'],
      ['changed', 'Publish guidance {+widely+}.'],
    ]);
    // The space before the word went and came with it (the word diff keeps it with the word before).
    expect(shown(op2.paragraphs[0]!.segments)).toEqual([
      ['Report', 'equal'],
      [' ', 'equal', 'insertion:United States:rejected'],
      ['annually', 'deleted', 'insertion:United States:rejected'],
      [';', 'equal'],
    ]);
    expect(shown(op2.paragraphs[1]!.segments)).toEqual([
      ['Publish guidance', 'equal'],
      [' ', 'equal', 'insertion:Norway:made'],
      ['widely', 'inserted', 'insertion:Norway:made'],
      ['.', 'equal'],
    ]);
    const pp1 = clauseOf(result, PROPOSAL_CLAUSES.pp1);
    expect(pp1.change).toBe('unchanged');
    expect(shown(pp1.paragraphs[0]!.segments)[0]).toEqual(['firmly ', 'equal', 'insertion:Norway:pending']);
    expect(countProposalFates(result)).toEqual({ pending: 1, made: 1, accepted: 2, rejected: 2 });
  });

  it('shows a deletion proposed since the older text as new on kept text, and a proposal that grew as pending', () => {
    const norway = {
      type: 'proposal',
      kind: 'deletion',
      id: 'propNOdelete0002',
      delegationId: DELEGATIONS.norway.id,
      delegation: 'Norway',
    } as const;
    const us = {
      type: 'proposal',
      kind: 'insertion',
      id: 'propUSgrows00001',
      delegationId: DELEGATIONS.us.id,
      delegation: 'United States',
    } as const;
    const before = draft([
      {
        id: 'clause-0000000001',
        body: [
          [
            { text: 'States will ', marks: [] },
            { text: 'act', marks: [us] },
            { text: ' now.', marks: [] },
          ],
        ],
      },
    ]);
    const after = draft([
      {
        id: 'clause-0000000001',
        body: [
          [
            { text: 'States ', marks: [] },
            { text: 'will', marks: [norway] },
            { text: ' ', marks: [] },
            { text: 'act fast', marks: [us] },
            { text: ' now.', marks: [] },
          ],
        ],
      },
    ]);
    const result = compareDrafts(before, after);
    expect(result.clauses[0]!.change).toBe('changed');
    expect(shown(result.clauses[0]!.paragraphs[0]!.segments)).toEqual([
      ['States ', 'equal'],
      ['will', 'equal', 'deletion:Norway:made'],
      [' ', 'equal'],
      ['act ', 'equal', 'insertion:United States:pending'],
      ['fast', 'inserted', 'insertion:United States:pending'],
      [' ', 'inserted'],
      ['now.', 'equal'],
    ]);
  });

  it('reads texts without proposals as before: no segment carries any', () => {
    const result = compareDrafts(
      draft([{ id: 'clause-0000000001', body: ['States will act.'] }]),
      draft([{ id: 'clause-0000000001', body: ['States will act now.'] }]),
    );
    expect(result.clauses[0]!.paragraphs[0]!.segments.every((s) => s.proposals === undefined)).toBe(true);
  });
});

describe('redlines of proposals', async () => {
  const result = comparison();
  const sides = redlineFixtureSides();

  it('HTML: tags each proposal passage with its delegation and fate, and explains them in the legend', () => {
    const all = elements(renderRedlineHtml(result, sides));
    expect(all.filter((e) => (attr(e, 'class') ?? '').startsWith('proposal-tag')).map(textOf)).toEqual([
      '+ Norway',
      '+ United States, accepted',
      '− Norway, rejected',
      `− ${DELEGATIONS.hostile.name}, accepted`,
      '+ United States, rejected',
      '+ Norway, new',
    ]);
    const accepted = all.find((e) => (attr(e, 'class') ?? '').includes('proposal-accepted'))!;
    expect([attr(accepted, 'class'), attr(accepted, 'title'), textOf(accepted)]).toEqual([
      'proposal proposal-insertion proposal-accepted',
      'Proposed insertion by United States',
      'promptly and',
    ]);
    // The hostile delegation's accepted deletion is deleted text between the versions.
    expect(all.filter((e) => e.tagName === 'del').map(textOf)).toContain('licences');
    expect(all.filter((e) => attr(e, 'class') === 'legend-proposals').map(textOf)).toEqual([REDLINE_PROPOSALS_NOTE]);
    expect(all.filter((e) => e.tagName === 'img')).toEqual([]);
  });

  it('DOCX: keeps tracked changes for the differences and tags proposals with their fate as text', async () => {
    const documentXml = docxParts(await renderRedlineDocx(result, sides))['word/document.xml']!;
    const authors = new Set([...documentXml.matchAll(/<w:(?:ins|del) w:id="\d+" w:author="([^"]*)"/g)].map((m) => m[1]));
    expect(authors).toEqual(new Set(['Secretariat']));
    expect(documentXml).toContain('+ United States, accepted');
    expect(documentXml).toContain('− Norway, rejected');
    expect(documentXml).toContain('+ Norway, new');
    expect(documentXml).toContain(REDLINE_PROPOSALS_NOTE);
  });

  it('the compare page shows the fates and counts them', () => {
    const compared: CompareResult = {
      from: { kind: 'live', at: '2025-03-01T14:05:09.000Z' },
      to: { kind: 'live', at: '2025-03-02T14:05:09.000Z' },
      comparison: result,
    } as unknown as CompareResult;
    const html = renderToStaticMarkup(
      createElement(ComparisonView, { draftId: 'draftProposals01', from: 'a', to: 'b', result: compared, onRefresh: null }),
    );
    const all = elements(html);
    expect(all.filter((e) => attr(e, 'class') === 'compare-proposals').map(textOf)[0]).toMatch(
      /^Proposals: 1 new, 2 accepted, 2 rejected, 1 still undecided\./,
    );
    const tags = all.filter((e) => (attr(e, 'class') ?? '').includes('version-proposal-tag')).map(textOf);
    expect(tags).toContain('+ United States, accepted');
    expect(tags).toContain('+ Norway, new');
    const rejected = all.find((e) => (attr(e, 'class') ?? '').includes('redline-proposal-rejected'))!;
    expect(textOf(rejected)).toBe(' all');
  });
});

/** The heading proposals fixture, changed by `change` on OP1's heading (a copy: the fixture stays as it was). */
function headingDoc(change: (heading: Y.Text) => void): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(buildHeadingProposalDoc()));
  doc.transact(() => change(readClause(doc, PROPOSAL_CLAUSES.op1)!.heading));
  return doc;
}

/** "Periodic Licence reviews": the United States' insertion is its first 9 characters, Norway's deletion its last 8. */
const HEADING = { insertion: [0, 'Periodic '.length], deletion: ['Periodic Licence'.length, ' reviews'.length] } as const;

describe('compareDrafts and proposals in a heading', () => {
  const headingOf = (from: Y.Doc, to: Y.Doc) => clauseOf(compareDrafts(proposalDraft(from), proposalDraft(to)), PROPOSAL_CLAUSES.op1);

  it('shows proposals made in a heading since the older text as new', () => {
    const op1 = headingOf(buildProposalDoc(), buildHeadingProposalDoc());
    expect(op1.change).toBe('changed');
    expect(shown(op1.heading)).toEqual([
      ['Periodic ', 'inserted', 'insertion:United States:made'],
      ['Licence', 'equal'],
      [' reviews', 'equal', 'deletion:Norway:made'],
    ]);
  });

  it('shows an accepted insertion as kept text and an accepted deletion as deleted text, each with its fate', () => {
    const accepted = headingDoc((heading) => {
      heading.format(...HEADING.insertion, { insertion: null });
      heading.delete(...HEADING.deletion);
    });
    const result = compareDrafts(proposalDraft(buildHeadingProposalDoc()), proposalDraft(accepted));
    const op1 = clauseOf(result, PROPOSAL_CLAUSES.op1);
    expect(op1.change).toBe('changed');
    expect(shown(op1.heading)).toEqual([
      ['Periodic ', 'equal', 'insertion:United States:accepted'],
      ['Licence', 'equal'],
      // The space before the word went with it (the word diff keeps it with the word before), as in a body.
      [' ', 'equal', 'deletion:Norway:accepted'],
      ['reviews', 'deleted', 'deletion:Norway:accepted'],
    ]);
    // The five proposals in bodies did not change: only the heading's two count as decided.
    expect(countProposalFates(result)).toEqual({ pending: 5, made: 0, accepted: 2, rejected: 0 });
  });

  it('shows a rejected deletion as kept text: the clause changed though its words did not', () => {
    const op1 = headingOf(
      buildHeadingProposalDoc(),
      headingDoc((heading) => heading.format(...HEADING.deletion, { deletion: null })),
    );
    expect(op1.change).toBe('changed');
    expect(shown(op1.heading)).toEqual([
      ['Periodic ', 'equal', 'insertion:United States:pending'],
      ['Licence', 'equal'],
      [' reviews', 'equal', 'deletion:Norway:rejected'],
    ]);
    expect(headingOf(buildHeadingProposalDoc(), buildHeadingProposalDoc()).change).toBe('unchanged');
  });

  it('redlines tag the heading’s proposals with their fates after its number', async () => {
    const rejected = headingDoc((heading) => heading.delete(...HEADING.insertion));
    const result = compareDrafts(proposalDraft(buildHeadingProposalDoc()), proposalDraft(rejected));
    const sides = redlineFixtureSides();
    const h3 = elements(renderRedlineHtml(result, sides)).find((e) => e.tagName === 'h3' && textOf(e).includes('Licence'))!;
    expect(textOf(h3)).toBe('OP1. Periodic+ United States, rejected Licence reviews− Norway');
    // The rejected insertion's words are deleted text between the versions.
    expect(within(h3, 'del').map(textOf)).toEqual(['Periodic', ' ']);
    const documentXml = docxParts(await renderRedlineDocx(result, sides))['word/document.xml']!;
    const heading = [...documentXml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes('Licence'))!;
    expect(heading).toContain('<w:pStyle w:val="Heading2"/>');
    expect(heading).toContain('+ United States, rejected');
    expect(heading).toContain('− Norway');
    expect(heading).toMatch(/<w:del [^>]*w:author="Secretariat"[^>]*><w:r><w:delText xml:space="preserve">Periodic<\/w:delText>/);
    // The compare page draws the heading's segments as a body's, fates included, and counts them.
    const compared = {
      from: { kind: 'live', at: '2025-03-01T14:05:09.000Z' },
      to: { kind: 'live', at: '2025-03-02T14:05:09.000Z' },
      comparison: result,
    } as unknown as CompareResult;
    const page = elements(
      renderToStaticMarkup(
        createElement(ComparisonView, { draftId: 'draftProposals01', from: 'a', to: 'b', result: compared, onRefresh: null }),
      ),
    );
    expect(page.filter((e) => (attr(e, 'class') ?? '').includes('version-proposal-tag')).map(textOf)).toContain(
      '+ United States, rejected',
    );
    expect(page.filter((e) => attr(e, 'class') === 'compare-proposals').map(textOf)[0]).toMatch(
      /^Proposals: 0 new, 0 accepted, 1 rejected, 6 still undecided\./,
    );
  });
});
