import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReadOnlyClause } from '../../../client/versions/ReadOnlyClause.js';
import { renderAkomaNtoso } from '../../../server/export/renderAkomaNtoso.js';
import { renderDocx } from '../../../server/export/renderDocx.js';
import { renderHtml } from '../../../server/export/renderHtml.js';
import { renderJson } from '../../../server/export/renderJson.js';
import { renderMarkdown } from '../../../server/export/renderMarkdown.js';
import { renderPdf } from '../../../server/export/renderPdf.js';
import { MARKDOWN_PROPOSALS_NOTE, PROPOSALS_NOTE } from '../../../server/export/proposalNotes.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { CLAUSE_FIELD } from '../../../shared/doc/schema.js';
import { canonicalJson } from '../../../shared/export/canonicalJson.js';
import { DraftText, type ClauseText } from '../../../shared/export/DraftText.js';
import { hasProposals } from '../../../shared/export/proposalLabels.js';
import { fixtureDraft } from './drafts.js';
import { attr, elements, textOf, within } from './htmlTree.js';
import { DELEGATIONS } from './negotiationFixture.js';
import {
  buildClauseProposalDoc,
  buildProposalDoc,
  CLAUSE_PROPOSAL_CLAUSES,
  CLAUSE_PROPOSAL_IDS,
  proposalDraft,
} from './proposalFixture.js';
import { docxParts, docxText, pdfPages, validateAkn, xpath } from './readers.js';

const DATE = '2025-03-01T14:05:09Z';
const { op3, op4 } = CLAUSE_PROPOSAL_CLAUSES;

const draft = () => proposalDraft(buildClauseProposalDoc());
const clauseOf = (text: DraftText, id: string): ClauseText => text.clauses.find((c) => c.id === id)!;

describe('the export model reads proposals on whole clauses', () => {
  it('carries a proposed new clause and a proposed deletion with their id, delegation id and the delegation’s name', () => {
    const text = draft();
    expect(clauseOf(text, op3).proposals).toEqual([
      { kind: 'clause-insertion', id: CLAUSE_PROPOSAL_IDS.usNewClause, delegationId: DELEGATIONS.us.id, delegation: 'United States' },
    ]);
    expect(clauseOf(text, op4).proposals).toEqual([
      { kind: 'clause-deletion', id: CLAUSE_PROPOSAL_IDS.noDeleteClause, delegationId: DELEGATIONS.norway.id, delegation: 'Norway' },
    ]);
    expect(clauseOf(text, op3).number).toBe('OP3');
    expect(hasProposals({ clauses: [clauseOf(text, op4)] })).toBe(true);
  });

  it('keeps both when a delegation proposes deleting another’s proposed clause, the new clause first', () => {
    const doc = buildClauseProposalDoc();
    readClause(doc, op3)!.map.set(CLAUSE_FIELD.deletionProposedBy, { id: 'propNOdelNewCls1', delegation: DELEGATIONS.norway.id });
    expect(clauseOf(proposalDraft(doc), op3).proposals!.map((p) => `${p.kind}:${p.delegation}`)).toEqual([
      'clause-insertion:United States',
      'clause-deletion:Norway',
    ]);
  });

  it('names an unknown delegation, and ignores malformed proposal fields', () => {
    const doc = buildProposalDoc();
    addClause(doc, {
      kind: 'operative',
      id: 'propOP5-Stranger',
      heading: 'Stranger',
      addedAt: 6,
      proposedBy: { id: 'propStranger0001', delegation: 'delegationNobody' },
    });
    addClause(doc, { kind: 'operative', id: 'propOP6-Malforme', heading: 'Malformed', addedAt: 7 });
    readClause(doc, 'propOP6-Malforme')!.map.set(CLAUSE_FIELD.deletionProposedBy, { id: '../x', delegation: DELEGATIONS.us.id });
    const text = proposalDraft(doc);
    expect(clauseOf(text, 'propOP5-Stranger').proposals).toEqual([
      { kind: 'clause-insertion', id: 'propStranger0001', delegationId: 'delegationNobody', delegation: 'Unknown delegation' },
    ]);
    expect('proposals' in clauseOf(text, 'propOP6-Malforme')).toBe(false);
  });

  it('leaves every other clause, and texts without clause proposals, exactly as before (JSON and fingerprint), still draft-text/2', () => {
    const before = proposalDraft(buildProposalDoc());
    const after = draft();
    expect(after.clauses.slice(0, before.clauses.length)).toEqual(before.clauses);
    expect(before.clauses.every((c) => !('proposals' in c))).toBe(true);
    expect(JSON.stringify(fixtureDraft())).not.toContain('proposals');
    expect(canonicalJson(DraftText.parse(JSON.parse(canonicalJson(fixtureDraft())) as unknown))).toBe(canonicalJson(fixtureDraft()));
    const parsed = DraftText.parse(JSON.parse(renderJson(after)) as unknown);
    expect(parsed.format).toBe('draft-text/2');
    expect(clauseOf(parsed, op4).proposals![0]!.kind).toBe('clause-deletion');
  });
});

describe('HTML export of proposals on whole clauses', () => {
  const html = renderHtml(draft());
  const all = elements(html);
  const section = (id: string) => all.find((e) => attr(e, 'id') === `clause-${id}`)!;

  it('writes a line under the clause number naming the proposal and its delegation', () => {
    expect(all.filter((e) => (attr(e, 'class') ?? '').startsWith('clause-proposal ')).map((e) => [attr(e, 'class'), textOf(e)])).toEqual([
      ['clause-proposal clause-proposal-clause-insertion', 'Proposed new clause — United States'],
      ['clause-proposal clause-proposal-clause-deletion', 'Deletion proposed by Norway'],
    ]);
  });

  it('underlines a proposed clause’s heading and text in <ins> and strikes a clause proposed for deletion in <del>', () => {
    const clauseText = (tag: string) =>
      all
        .filter((e) => e.tagName === tag && (attr(e, 'class') ?? '').includes('clause-proposal-text'))
        .map((e) => [attr(e, 'title'), textOf(e)]);
    expect(clauseText('ins')).toEqual([
      ['Proposed new clause by United States', 'Annual conference'],
      ['Proposed new clause by United States', '\nStates will meet every year in Geneva+ Norway.\n\nReport progress.\n\n'],
    ]);
    expect(clauseText('del')).toEqual([
      ['Proposed deletion of the clause by Norway', 'Sanctions'],
      ['Proposed deletion of the clause by Norway', '\nSanctions apply to every breach.\n'],
    ]);
    // Norway's passage proposed inside the new clause keeps its own mark and tag.
    const norway = within(section(op3), 'ins').filter((e) => attr(e, 'class') === 'proposal-insertion');
    expect(norway.map(textOf)).toEqual([' in Geneva']);
  });

  it('explains the convention at the top, also for a text whose only proposal is on a whole clause', () => {
    const text = draft();
    const only = { ...text, clauses: text.clauses.filter((c) => c.id === op4) };
    const page = elements(renderHtml(only));
    expect(page.filter((e) => attr(e, 'class') === 'proposals-note').map(textOf)).toEqual([PROPOSALS_NOTE]);
    expect(PROPOSALS_NOTE).toContain('Proposed new clause');
  });
});

describe('Markdown export of proposals on whole clauses', () => {
  const md = renderMarkdown(draft());

  it('writes the line under the heading and marks the heading and text in CriticMarkup, passages within keeping theirs', () => {
    expect(md).toContain(
      [
        '### OP3. {++Annual conference++}',
        '*Proposed new clause — United States*',
        '{++States will meet every year++}{++ in Geneva++}{>>Norway<<}{++.++}',
        '- {++Report progress.++}',
        '### OP4. {--Sanctions--}',
        '*Deletion proposed by Norway*',
        '{--Sanctions apply to every breach.--}',
      ].join('\n\n'),
    );
    expect(md.split('\n')[4]).toBe(`> ${MARKDOWN_PROPOSALS_NOTE}`);
  });
});

describe('DOCX export of proposals on whole clauses', async () => {
  const bytes = await renderDocx(draft());
  const documentXml = docxParts(bytes)['word/document.xml']!;
  /** Each body paragraph's text, and its paragraph mark's tracked change ("ins:United States"), if any. */
  const paragraphs = [...documentXml.matchAll(/<w:p>([\s\S]*?)<\/w:p>/g)].map(([, inner]) => {
    const mark = /<w:pPr>[\s\S]*?<w:rPr><w:(ins|del) w:id="\d+" w:author="([^"]*)" w:date="([^"]*)"\/><\/w:rPr><\/w:pPr>/.exec(inner!);
    const runs = [
      ...inner!.matchAll(/<w:(ins|del) w:id="\d+" w:author="([^"]*)" w:date="[^"]*">([\s\S]*?)<\/w:\1>|<w:r>([\s\S]*?)<\/w:r>/g),
    ].map((m) => {
      const text = [...(m[3] ?? m[4] ?? '').matchAll(/<w:(?:t|delText)[^>]*>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join('');
      return m[1] ? `${m[1]}:${m[2]}:${text}` : text;
    });
    return { mark: mark ? `${mark[1]}:${mark[2]}` : null, date: mark?.[3], runs };
  });

  it('tracks a proposed new clause’s heading, text and paragraph marks as inserted by its delegation (w:ins, w:author)', () => {
    const at = paragraphs.findIndex((p) => p.runs.some((r) => r.includes('OP3. Annual conference')));
    expect(paragraphs.slice(at, at + 3).map(({ mark, runs }) => [mark, ...runs])).toEqual([
      ['ins:United States', 'ins:United States:OP3. Annual conference'],
      ['ins:United States', 'ins:United States:States will meet every year', 'ins:Norway: in Geneva', 'ins:United States:.'],
      ['ins:United States', 'ins:United States:Report progress.'],
    ]);
    expect(paragraphs[at]!.date).toBe(DATE);
  });

  it('tracks a clause proposed for deletion as deleted by its delegation (w:del with w:delText), paragraph marks included', () => {
    const at = paragraphs.findIndex((p) => p.runs.some((r) => r.includes('OP4. Sanctions')));
    expect(paragraphs.slice(at, at + 2).map(({ mark, runs }) => [mark, ...runs])).toEqual([
      ['del:Norway', 'del:Norway:OP4. Sanctions'],
      ['del:Norway', 'del:Norway:Sanctions apply to every breach.'],
    ]);
    expect(documentXml).toContain('<w:delText xml:space="preserve">Sanctions apply to every breach.</w:delText>');
  });

  it('gives every tracked change its own id, and reads as the new clause with the deletion taken (mammoth)', async () => {
    const ids = [...documentXml.matchAll(/<w:(?:ins|del) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const text = await docxText(bytes);
    expect(text).toContain('OP3. Annual conference');
    expect(text).toContain('States will meet every year in Geneva.');
    expect(text).not.toContain('Sanctions apply');
  });

  it('writes the other clauses’ bytes as before: the same file as the proposals fixture up to the new clauses', async () => {
    const before = docxParts(await renderDocx(proposalDraft(buildProposalDoc())))['word/document.xml']!;
    const cut = (xml: string) => xml.slice(xml.indexOf('<w:body>'), xml.indexOf('Publish guidance.'));
    expect(cut(documentXml)).toBe(cut(before));
  });
});

describe('Akoma Ntoso export of proposals on whole clauses', () => {
  const xml = renderAkomaNtoso(draft());
  const us = 'delegation_delegation.USA00';
  const norway = 'delegation_delegationNorway';

  it('is valid against the Akoma Ntoso 3.0 schema', () => {
    const result = validateAkn(xml);
    expect(result.messages).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('wraps a proposed clause’s heading and each paragraph in <ins class="clauseProposal"> referring to the delegation', () => {
    const paragraph = `//*[local-name()="paragraph"][@eId="para_${op3}"]`;
    const ins = `${paragraph}//*[local-name()="ins"][@class="clauseProposal"]`;
    expect(xpath(xml, `count(${ins})`)).toBe('3');
    expect(xpath(xml, `count(${ins}[@refersTo="#${us}"])`)).toBe('3');
    expect(xpath(xml, `string(${paragraph}/*[local-name()="heading"]/*[local-name()="ins"])`)).toBe('Annual conference');
    expect(xpath(xml, `string((${ins})[2])`)).toBe('States will meet every year in Geneva.');
    expect(xpath(xml, `string((${ins})[1]/@*[local-name()="proposal"])`)).toBe(CLAUSE_PROPOSAL_IDS.usNewClause);
    // Norway's passage nests inside, as its own proposal.
    expect(xpath(xml, `string((${ins})[2]/*[local-name()="ins"][@class="proposal"]/@refersTo)`)).toBe(`#${norway}`);
  });

  it('wraps a clause proposed for deletion in <del class="clauseProposal">, and records both in <proprietary>', () => {
    const del = `//*[local-name()="paragraph"][@eId="para_${op4}"]//*[local-name()="del"][@class="clauseProposal"]`;
    expect(xpath(xml, `count(${del}[@refersTo="#${norway}"])`)).toBe('2');
    expect(xpath(xml, `string((${del})[2])`)).toBe('Sanctions apply to every breach.');
    const proposal = (clauseId: string) => `//*[local-name()="clause"][@clauseId="${clauseId}"]/*[local-name()="proposal"]`;
    expect(xpath(xml, `concat(${proposal(op3)}/@kind, " ", ${proposal(op3)}/@id, " ", ${proposal(op3)}/@delegation)`)).toBe(
      `clause-insertion ${CLAUSE_PROPOSAL_IDS.usNewClause} #${us}`,
    );
    expect(xpath(xml, `string(${proposal(op4)}/@kind)`)).toBe('clause-deletion');
    expect(xpath(xml, `string(//*[local-name()="TLCOrganization"][@eId="${us}"]/@showAs)`)).toBe('United States');
  });
});

describe('PDF export of proposals on whole clauses', async () => {
  const text = (await pdfPages(await renderPdf(draft()))).join('\n');

  it('writes the line under the clause heading, the text as it is, and passages within with their tags', () => {
    expect(text).toContain('OP3. Annual conference\nProposed new clause — United States\nStates will meet every year in Geneva+ Norway.');
    expect(text).toContain('OP4. Sanctions\nDeletion proposed by Norway\nSanctions apply to every breach.');
  });

  it('explains the convention when the only proposal is on a whole clause', async () => {
    const only = draft();
    const pages = await pdfPages(await renderPdf({ ...only, clauses: only.clauses.filter((c) => c.id === op4) }));
    expect(pages.join('\n').replace(/\s+/g, ' ')).toContain(PROPOSALS_NOTE.replace(/\s+/g, ' '));
  });
});

describe('ReadOnlyClause shows a version’s proposals on whole clauses', () => {
  const view = (clauseId: string) => elements(renderToStaticMarkup(createElement(ReadOnlyClause, { clause: clauseOf(draft(), clauseId) })));

  it('writes the line under the number and underlines the proposed clause’s heading and text', () => {
    const all = view(op3);
    expect(all.filter((e) => (attr(e, 'class') ?? '').startsWith('version-clause-proposal ')).map(textOf)).toEqual([
      'Proposed new clause — United States',
    ]);
    const ins = all.filter((e) => e.tagName === 'ins' && (attr(e, 'class') ?? '').includes('version-clause-proposal-text'));
    expect(ins.map((e) => [attr(e, 'title'), textOf(e)])).toEqual([
      ['Proposed new clause by United States', 'Annual conference'],
      ['Proposed new clause by United States', 'States will meet every year in Geneva+ Norway.Report progress.'],
    ]);
  });

  it('strikes a clause proposed for deletion and names who proposes it', () => {
    const all = view(op4);
    expect(all.filter((e) => (attr(e, 'class') ?? '').startsWith('version-clause-proposal ')).map(textOf)).toEqual([
      'Deletion proposed by Norway',
    ]);
    expect(all.filter((e) => e.tagName === 'del').map(textOf)).toEqual(['Sanctions', 'Sanctions apply to every breach.']);
  });
});
