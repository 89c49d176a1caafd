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
import { DOCX_PROPOSALS_NOTE, MARKDOWN_PROPOSALS_NOTE, PROPOSALS_NOTE } from '../../../server/export/proposalNotes.js';
import { DraftText, type Inline } from '../../../shared/export/DraftText.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { fixtureDraft } from './drafts.js';
import { attr, elements, textOf, within } from './htmlTree.js';
import { DELEGATIONS } from './negotiationFixture.js';
import {
  buildHeadingInNewClauseDoc,
  buildHeadingProposalDoc,
  buildProposalDoc,
  HEADING_PROPOSAL_IDS,
  PROPOSAL_CLAUSES,
  PROPOSAL_IDS,
  PROPOSAL_NEGOTIATION,
  proposalDraft,
} from './proposalFixture.js';
import { captureState, versionText, withSnapshotDoc } from '../../../server/domain/versionSnapshot.js';
import { decideInBody } from '../../../shared/amendments/decideProposals.js';
import { docxParts, docxText, pdfPages, validateAkn, xpath } from './readers.js';
import { paragraph, fillBody } from './fixtureDoc.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const DATE = '2025-03-01T14:05:09Z';

/** The runs of a clause's first paragraph. */
function runsOf(draft: DraftText, clauseId: string): Inline[] {
  const block = draft.clauses.find((c) => c.id === clauseId)!.blocks[0]!;
  if (block.type !== 'paragraph') throw new Error('not a paragraph');
  return block.content;
}

const unescapeXml = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

describe('the export model reads proposals', () => {
  it('carries each run’s proposal with its kind, id, delegation id and the delegation’s name', () => {
    const runs = runsOf(proposalDraft(), PROPOSAL_CLAUSES.op1);
    expect(
      runs.map((run) => [run.text, run.marks.map((m) => (m.type === 'proposal' ? `${m.kind}:${m.id}:${m.delegation}` : m.type))]),
    ).toEqual([
      ['States will ', []],
      ['promptly', ['bold', `insertion:${PROPOSAL_IDS.usInsert}:United States`]],
      [' and ', [`insertion:${PROPOSAL_IDS.usInsert}:United States`]],
      ['review', []],
      [' all', [`deletion:${PROPOSAL_IDS.noDelete}:Norway`]],
      [' ', []],
      ['licences', [`deletion:${PROPOSAL_IDS.hostileDelete}:${DELEGATIONS.hostile.name}`]],
      ['.', []],
    ]);
    const us = runs[1]!.marks[1]!;
    expect(us).toEqual({
      type: 'proposal',
      kind: 'insertion',
      id: PROPOSAL_IDS.usInsert,
      delegationId: DELEGATIONS.us.id,
      delegation: 'United States',
    });
  });

  it('names an unknown delegation as brackets do, drops malformed proposal marks and keeps the text', () => {
    const doc = buildProposalDoc();
    addClause(doc, { kind: 'operative', id: 'propOP3-Malforme', heading: 'Odd', paragraphs: [], addedAt: 9 });
    fillBody(doc, 'propOP3-Malforme', [
      paragraph(
        ['stranger ', { insertion: { id: 'propStranger0001', delegation: 'delegationNobody' } }],
        ['bad id ', { insertion: { id: '../x', delegation: DELEGATIONS.us.id } }],
        ['no delegation ', { deletion: { id: 'propNoDelegat001' } }],
        ['hashed', { 'insertion--abc': { id: 'propHashed000001', delegation: DELEGATIONS.us.id } }],
      ),
    ]);
    const runs = runsOf(proposalDraft(doc), 'propOP3-Malforme');
    expect(runs.map((run) => run.text).join('')).toBe('stranger bad id no delegation hashed');
    expect(runs[0]!.marks).toEqual([
      { type: 'proposal', kind: 'insertion', id: 'propStranger0001', delegationId: 'delegationNobody', delegation: 'Unknown delegation' },
    ]);
    expect(runs.slice(1).flatMap((run) => run.marks)).toEqual([]);
  });

  it('leaves texts without proposals as they were, and its JSON carries the proposals (still draft-text/2)', () => {
    expect(JSON.stringify(fixtureDraft())).not.toContain('proposal');
    const json = JSON.parse(renderJson(proposalDraft())) as unknown;
    const parsed = DraftText.parse(json);
    expect(parsed.format).toBe('draft-text/2');
    expect(JSON.stringify(parsed)).toContain(PROPOSAL_IDS.noDelete);
  });
});

describe('HTML export of proposals', () => {
  const html = renderHtml(proposalDraft());
  const all = elements(html);

  it('underlines insertions in <ins>, strikes deletions in <del>, each followed by its delegation’s tag', () => {
    expect(all.filter((e) => e.tagName === 'ins').map((e) => [attr(e, 'class'), textOf(e)])).toEqual([
      ['proposal-insertion', 'firmly'],
      ['proposal-insertion', ' '],
      ['proposal-insertion', 'promptly and'],
      ['proposal-insertion', ' '],
      ['proposal-insertion', ' annually'],
    ]);
    expect(all.filter((e) => e.tagName === 'del').map((e) => [attr(e, 'class'), textOf(e), attr(e, 'title')])).toEqual([
      ['proposal-deletion', ' all', 'Proposed deletion by Norway'],
      ['proposal-deletion', 'licences', `Proposed deletion by ${DELEGATIONS.hostile.name}`],
    ]);
    expect(all.filter((e) => attr(e, 'class')?.startsWith('proposal-tag')).map(textOf)).toEqual([
      '+ Norway',
      '+ United States',
      '− Norway',
      `− ${DELEGATIONS.hostile.name}`,
      '+ United States',
    ]);
    const op1 = all.filter((e) => e.tagName === 'p').map(textOf);
    expect(op1).toContain(`States will promptly and+ United States review all− Norway licences− ${DELEGATIONS.hostile.name}.`);
    expect(op1).toContain('[firmly+ Norway recalling]Norway the commitments,');
  });

  it('explains the convention at the top, only when the text holds proposals', () => {
    expect(all.filter((e) => attr(e, 'class') === 'proposals-note').map(textOf)).toEqual([PROPOSALS_NOTE]);
    expect(html).toContain('.proposal-tag');
    const plain = renderHtml(fixtureDraft());
    expect(plain).not.toContain('proposals-note');
    expect(plain).not.toContain('.proposal-tag');
  });

  it('keeps a delegation name that is markup inert', () => {
    expect(all.filter((e) => e.tagName === 'img')).toEqual([]);
    expect(html).not.toContain('<img');
  });
});

describe('Markdown export of proposals', () => {
  const md = renderMarkdown(proposalDraft());

  it('writes CriticMarkup insertions and deletions followed by the delegation’s name as a comment', () => {
    expect(md).toContain('States will {++**promptly** and ++}{>>United States<<}review{-- all--}{>>Norway<<} {--licences--}{>>');
    expect(md).toContain('\\[{++firmly ++}{>>Norway<<}recalling\\] (*Norway*) the commitments,');
    expect(md).toContain('- Report{++ annually++}{>>United States<<};');
    // The hostile name is escaped: it opens no tag, link or emphasis, and cannot close the comment early.
    expect(md).toContain('{--licences--}{>>\\<img src=x onerror="window.\\_\\_xss=\'img\'"\\> \\*x\\* \\[y\\](z) \\\\ \\]<<}.');
  });

  it('explains the convention in a quoted note under the version line, only when the text holds proposals', () => {
    const lines = md.split('\n');
    expect(lines[4]).toBe(`> ${MARKDOWN_PROPOSALS_NOTE}`);
    expect(renderMarkdown(fixtureDraft())).not.toContain('CriticMarkup');
  });

  it('escapes text that would read as CriticMarkup', () => {
    const doc = buildProposalDoc();
    fillBody(doc, PROPOSAL_CLAUSES.op2, [paragraph('Typed {++not a proposal++} and {--nor this--} and {==x==}.')]);
    expect(renderMarkdown(proposalDraft(doc))).toContain('Typed \\{++not a proposal++\\} and \\{--nor this--\\} and \\{==x==\\}.');
  });
});

describe('DOCX export of proposals', async () => {
  const bytes = await renderDocx(proposalDraft());
  const documentXml = docxParts(bytes)['word/document.xml']!;
  const changes = (kind: 'ins' | 'del') =>
    [...documentXml.matchAll(new RegExp(`<w:${kind} w:id="(\\d+)" w:author="([^"]*)" w:date="([^"]*)">([\\s\\S]*?)</w:${kind}>`, 'g'))].map(
      (m) => ({
        id: m[1],
        author: unescapeXml(m[2]!),
        date: m[3],
        text: unescapeXml([...m[4]!.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join('')),
        deletedText: m[4]!.includes('<w:delText'),
      }),
    );

  it('writes insertions as w:ins and deletions as w:del (w:delText) authored by the delegation, dated from the version', () => {
    expect(changes('ins').map(({ author, text, date }) => [author, text, date])).toEqual([
      ['Norway', 'firmly ', DATE],
      ['United States', 'promptly', DATE],
      ['United States', ' and ', DATE],
      ['United States', ' annually', DATE],
    ]);
    expect(changes('del').map(({ author, text, date, deletedText }) => [author, text, date, deletedText])).toEqual([
      ['Norway', ' all', DATE, true],
      [DELEGATIONS.hostile.name, 'licences', DATE, true],
    ]);
    const ids = [...changes('ins'), ...changes('del')].map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('reads, accepted or rejected, as the text with or without every proposal (mammoth reads insertions and skips deletions)', async () => {
    const text = await docxText(bytes);
    expect(text).toContain('States will promptly and review .');
    expect(text).toContain(DOCX_PROPOSALS_NOTE);
  });

  it('is the same bytes every time, and writes no tracked change or note for a text without proposals', async () => {
    expect(await renderDocx(proposalDraft())).toEqual(bytes);
    const plain = docxParts(await renderDocx(fixtureDraft()))['word/document.xml']!;
    expect(plain).not.toMatch(/<w:(ins|del)\b/);
    expect(plain).not.toContain(DOCX_PROPOSALS_NOTE);
  });
});

describe('Akoma Ntoso export of proposals', () => {
  const xml = renderAkomaNtoso(proposalDraft());

  it('is valid against the Akoma Ntoso 3.0 schema', () => {
    const result = validateAkn(xml);
    expect(result.messages).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('marks insertions with <ins> and deletions with <del>, referring to the delegation’s TLCOrganization, with the proposal id', () => {
    const norway = 'delegation_delegationNorway';
    const us = 'delegation_delegation.USA00';
    expect(xpath(xml, 'count(//*[local-name()="ins"])')).toBe('3');
    expect(xpath(xml, 'count(//*[local-name()="del"])')).toBe('2');
    expect(xpath(xml, 'string((//*[local-name()="del"])[1]/@refersTo)')).toBe(`#${norway}`);
    expect(xpath(xml, 'string((//*[local-name()="del"])[1])')).toBe(' all');
    expect(xpath(xml, `string((//*[local-name()="ins"][@refersTo="#${us}"])[1])`)).toBe('promptly and ');
    expect(xpath(xml, `string((//*[local-name()="ins"])[2]/@*[local-name()="proposal"])`)).toBe(PROPOSAL_IDS.usInsert);
    expect(xpath(xml, `string(//*[local-name()="TLCOrganization"][@eId="${us}"]/@showAs)`)).toBe('United States');
    expect(xpath(xml, `string(//*[local-name()="TLCOrganization"][@eId="${norway}"]/@showAs)`)).toBe('Norway');
    // Norway's insertion sits inside Norway's bracket.
    expect(xpath(xml, 'string(//*[local-name()="inline"][@name="bracket"]/*[local-name()="ins"])')).toBe('firmly ');
  });
});

describe('PDF export of proposals', async () => {
  const text = (await pdfPages(await renderPdf(proposalDraft()))).join('\n');

  it('tags each proposal with its delegation and explains the convention under the version line', () => {
    expect(text.replace(/\s+/g, ' ')).toContain(PROPOSALS_NOTE.replace(/\s+/g, ' '));
    expect(text).toContain('promptly and+ United States review all− Norway licences');
    expect(text).toContain('Report annually+ United States;');
    expect(text).toContain('[firmly+ Norway recalling]Norway');
  });

  it('writes no note for a text without proposals', async () => {
    const plain = (await pdfPages(await renderPdf(fixtureDraft()))).join('\n');
    expect(plain).not.toContain('Proposed amendments');
  });
});

describe('ReadOnlyClause shows a version’s proposals as they were', () => {
  const view = (clauseId: string) => {
    const clause = proposalDraft().clauses.find((c) => c.id === clauseId)!;
    return elements(renderToStaticMarkup(createElement(ReadOnlyClause, { clause })));
  };

  it('underlines insertions and strikes deletions, each tagged with its delegation’s name as real text', () => {
    const all = view(PROPOSAL_CLAUSES.op1);
    expect(all.filter((e) => e.tagName === 'ins').map((e) => [attr(e, 'class'), attr(e, 'title'), textOf(e)])).toEqual([
      ['version-proposal version-proposal-insertion', 'Proposed insertion by United States', 'promptly and'],
      ['version-proposal version-proposal-insertion', 'Proposed insertion by United States', ' '],
    ]);
    expect(all.filter((e) => e.tagName === 'del').map(textOf)).toEqual([' all', 'licences']);
    expect(all.filter((e) => (attr(e, 'class') ?? '').includes('version-proposal-tag')).map(textOf)).toEqual([
      '+ United States',
      '− Norway',
      `− ${DELEGATIONS.hostile.name}`,
    ]);
    expect(all.filter((e) => e.tagName === 'strong').map(textOf)).toEqual(['promptly']);
    expect(all.filter((e) => e.tagName === 'img')).toEqual([]);
    expect(textOf(all.find((e) => e.tagName === 'p')!)).toBe(
      `States will promptly and+ United States review all− Norway licences− ${DELEGATIONS.hostile.name}.`,
    );
  });

  it('keeps a proposal inside a bracket inside it', () => {
    const all = view(PROPOSAL_CLAUSES.pp1);
    const bracket = all.find((e) => attr(e, 'class') === 'version-bracket')!;
    expect(textOf(bracket)).toBe('[firmly+ Norway recalling]Norway');
  });

  it('keeps the proposals of a saved version as they were, whatever is decided in the draft since', () => {
    const doc = buildProposalDoc();
    const saved = captureState(doc);
    decideInBody(readClause(doc, PROPOSAL_CLAUSES.op1)!.body, new Set([PROPOSAL_IDS.usInsert, PROPOSAL_IDS.noDelete]), 'accept');
    expect(
      runsOf(proposalDraft(doc), PROPOSAL_CLAUSES.op1)
        .map((r) => r.text)
        .join(''),
    ).toBe('States will promptly and review licences.');
    const version = withSnapshotDoc(saved.bytes, (snapshot) =>
      versionText(snapshot, {
        draftId: 'draftProposals01',
        label: 'With amendments',
        createdAt: DATE,
        title: 'Code of Conduct with amendments',
        revision: null,
        negotiation: PROPOSAL_NEGOTIATION,
      }),
    );
    expect(version.clauses).toEqual(proposalDraft().clauses);
  });
});

/** "kind:id:delegation" of each proposal mark of a run, for compact expectations. */
const proposalsOfRun = (run: Inline) => run.marks.map((m) => (m.type === 'proposal' ? `${m.kind}:${m.id}:${m.delegation}` : m.type));

/** A Word document's tracked changes: kind, author and text, in document order. */
function trackedChanges(documentXml: string): Array<[string, string, string]> {
  return [...documentXml.matchAll(/<w:(ins|del) w:id="\d+" w:author="([^"]*)" w:date="[^"]*">([\s\S]*?)<\/w:\1>/g)].map((m) => [
    m[1]!,
    unescapeXml(m[2]!),
    unescapeXml([...m[3]!.matchAll(/<w:(?:t|delText)[^>]*>([^<]*)<\/w:(?:t|delText)>/g)].map((t) => t[1]).join('')),
  ]);
}

/** The Word paragraph (<w:p>) holding `text`, as XML. */
function docxParagraphWith(documentXml: string, text: string): string {
  return [...documentXml.matchAll(/<w:p>[\s\S]*?<\/w:p>/g)].map((m) => m[0]).find((p) => p.includes(text)) ?? '';
}

describe('proposals in a clause heading', async () => {
  const draft = proposalDraft(buildHeadingProposalDoc());
  const op1 = draft.clauses.find((c) => c.id === PROPOSAL_CLAUSES.op1)!;
  const us = 'delegation_delegation.USA00';
  const norway = 'delegation_delegationNorway';

  it('the model keeps the heading’s whole text and its runs with their proposals, only for a heading that holds some', () => {
    expect(op1.heading).toBe('Periodic Licence reviews');
    expect(op1.headingContent!.map((run) => [run.text, proposalsOfRun(run)])).toEqual([
      ['Periodic ', [`insertion:${HEADING_PROPOSAL_IDS.usHeading}:United States`]],
      ['Licence', []],
      [' reviews', [`deletion:${HEADING_PROPOSAL_IDS.noHeading}:Norway`]],
    ]);
    expect(draft.clauses.filter((c) => c.headingContent).map((c) => c.id)).toEqual([PROPOSAL_CLAUSES.op1]);
    // Texts without proposals in a heading read exactly as before.
    expect(JSON.stringify(proposalDraft())).not.toContain('headingContent');
    expect(JSON.stringify(fixtureDraft())).not.toContain('headingContent');
  });

  it('a saved version’s page shows them in the heading as the text shows proposals, tagged with the delegation', () => {
    const all = elements(renderToStaticMarkup(createElement(ReadOnlyClause, { clause: op1 })));
    const heading = all.find((e) => e.tagName === 'h3')!;
    expect(textOf(heading)).toBe('Periodic+ United States Licence reviews− Norway');
    // The insertion's trailing space is drawn apart from it, so its tag sits right after the word.
    expect(within(heading, 'ins').map(textOf)).toEqual(['Periodic', ' ']);
    expect(within(heading, 'del').map(textOf)).toEqual([' reviews']);
  });

  it('cleans the heading as one line across its runs and keeps no mark but proposals', () => {
    const doc = buildProposalDoc();
    const heading = readClause(doc, PROPOSAL_CLAUSES.op2)!.heading;
    heading.insert(0, '  Annual\t ', { insertion: { id: 'propUSspaces0001', delegation: DELEGATIONS.us.id }, bold: {} });
    heading.insert(heading.length, '  ', { deletion: { id: 'propNOspaces0001', delegation: DELEGATIONS.norway.id } });
    const op2 = proposalDraft(doc).clauses.find((c) => c.id === PROPOSAL_CLAUSES.op2)!;
    expect(op2.heading).toBe('Annual Reporting');
    expect(op2.headingContent!.map((run) => [run.text, proposalsOfRun(run)])).toEqual([
      ['Annual ', ['insertion:propUSspaces0001:United States']],
      ['Reporting', []],
    ]);
    // A heading whose only marks are not proposals reads as plain text, as before.
    const plain = buildProposalDoc();
    readClause(plain, PROPOSAL_CLAUSES.op2)!.heading.format(0, 3, { bold: {} });
    const clause = proposalDraft(plain).clauses.find((c) => c.id === PROPOSAL_CLAUSES.op2)!;
    expect([clause.heading, clause.headingContent]).toEqual(['Reporting', undefined]);
  });

  it('JSON: carries headingContent with the delegations, and parses as draft-text/2', () => {
    const parsed = DraftText.parse(JSON.parse(renderJson(draft)) as unknown);
    const clause = parsed.clauses.find((c) => c.id === PROPOSAL_CLAUSES.op1)!;
    expect(clause.headingContent).toEqual(op1.headingContent);
    expect(clause.headingContent![0]!.marks).toEqual([
      {
        type: 'proposal',
        kind: 'insertion',
        id: HEADING_PROPOSAL_IDS.usHeading,
        delegationId: DELEGATIONS.us.id,
        delegation: 'United States',
      },
    ]);
  });

  it('HTML: marks and tags the heading’s proposals as a body’s', () => {
    const all = elements(renderHtml(draft));
    const h3 = all.filter((e) => e.tagName === 'h3').find((e) => textOf(e).includes('Licence'))!;
    expect(textOf(h3)).toBe('OP1. Periodic+ United States Licence reviews− Norway');
    const marked = [...within(h3, 'ins'), ...within(h3, 'del')].map((e) => [e.tagName, attr(e, 'class'), attr(e, 'title'), textOf(e)]);
    expect(marked).toEqual([
      ['ins', 'proposal-insertion', 'Proposed insertion by United States', 'Periodic'],
      ['ins', 'proposal-insertion', 'Proposed insertion by United States', ' '],
      ['del', 'proposal-deletion', 'Proposed deletion by Norway', ' reviews'],
    ]);
    expect(within(h3, 'sup').map(textOf)).toEqual(['+ United States', '− Norway']);
  });

  it('Markdown: writes the heading’s proposals in CriticMarkup with the delegations, after the number', () => {
    expect(renderMarkdown(draft).split('\n')).toContain('### OP1. {++Periodic ++}{>>United States<<}Licence{-- reviews--}{>>Norway<<}');
  });

  it('DOCX: tracks the heading’s proposals in its heading paragraph, authored by the delegations', async () => {
    const documentXml = docxParts(await renderDocx(draft))['word/document.xml']!;
    const heading = docxParagraphWith(documentXml, 'Periodic');
    expect(heading).toContain('<w:pStyle w:val="Heading2"/>');
    expect(trackedChanges(heading)).toEqual([
      ['ins', 'United States', 'Periodic '],
      ['del', 'Norway', ' reviews'],
    ]);
    expect(heading).toContain('<w:delText xml:space="preserve"> reviews</w:delText>');
    // Read as Word shows it with every change accepted: the insertion kept, the deletion gone.
    expect(await docxText(await renderDocx(draft))).toContain('OP1. Periodic Licence\n');
  });

  it('Akoma Ntoso: <ins> and <del> in the <heading>, referring to the delegations, valid against the schema', () => {
    const xml = renderAkomaNtoso(draft);
    const result = validateAkn(xml);
    expect(result.messages).toContain('validates');
    expect(result.valid).toBe(true);
    const heading = `//*[local-name()="heading"][contains(., "Licence")]`;
    expect(xpath(xml, `string(${heading}/*[local-name()="ins"]/@refersTo)`)).toBe(`#${us}`);
    expect(xpath(xml, `string(${heading}/*[local-name()="ins"])`)).toBe('Periodic ');
    expect(xpath(xml, `string(${heading}/*[local-name()="ins"]/@*[local-name()="proposal"])`)).toBe(HEADING_PROPOSAL_IDS.usHeading);
    expect(xpath(xml, `string(${heading}/*[local-name()="del"]/@refersTo)`)).toBe(`#${norway}`);
    expect(xpath(xml, `string(${heading}/*[local-name()="del"])`)).toBe(' reviews');
    expect(xpath(xml, `string(//*[local-name()="TLCOrganization"][@eId="${us}"]/@showAs)`)).toBe('United States');
  });

  it('PDF: tags the heading’s proposals with their delegations', async () => {
    const text = (await pdfPages(await renderPdf(draft))).join('\n');
    expect(text).toContain('OP1. Periodic+ United States Licence reviews− Norway');
  });

  it('PDF: centres a section heading that holds proposals as a whole line', async () => {
    const doc = buildHeadingProposalDoc();
    addClause(doc, { kind: 'section', id: 'secProposalHead1', heading: 'Commitments', paragraphs: [], addedAt: 9 });
    readClause(doc, 'secProposalHead1')!.heading.insert(0, 'General ', {
      insertion: { id: 'propUSsection001', delegation: DELEGATIONS.us.id },
    });
    const pdf = await getDocument({ data: await renderPdf(proposalDraft(doc)), isEvalSupported: false }).promise;
    const page = await pdf.getPage(1);
    const items = (await page.getTextContent()).items.flatMap((item) => ('str' in item ? [item] : []));
    const first = items.find((item) => item.str === 'General')!;
    const last = items.find((item) => item.str === 'Commitments')!;
    // On one line, starting as far from the left margin as it ends from the right one.
    expect(first.transform[5]).toBe(last.transform[5]);
    const centre = page.view[2]! / 2;
    expect(Math.abs((first.transform[4]! + last.transform[4]! + last.width) / 2 - centre)).toBeLessThan(2);
    expect(first.transform[4]).toBeGreaterThan(150);
    await pdf.destroy();
  });

  it('a proposal in the heading of a proposed new clause keeps its delegation; the rest of the heading is the clause’s', async () => {
    const proposed = proposalDraft(buildHeadingInNewClauseDoc());
    expect(renderMarkdown(proposed).split('\n')).toContain('### OP3. {++Annual conference++}{++ of States++}{>>Norway<<}');
    const heading = docxParagraphWith(docxParts(await renderDocx(proposed))['word/document.xml']!, 'Annual conference');
    expect(trackedChanges(heading)).toEqual([
      ['ins', 'United States', 'OP3. '],
      ['ins', 'United States', 'Annual conference'],
      ['ins', 'Norway', ' of States'],
    ]);
    const xml = renderAkomaNtoso(proposed);
    expect(validateAkn(xml).valid).toBe(true);
    const nested = '//*[local-name()="heading"]/*[local-name()="ins"][@class="clauseProposal"]/*[local-name()="ins"][@class="proposal"]';
    expect(xpath(xml, `string(${nested}/@refersTo)`)).toBe(`#${norway}`);
    const h3 = elements(renderHtml(proposed)).find((e) => e.tagName === 'h3' && textOf(e).includes('Annual'))!;
    expect(textOf(h3)).toBe('OP3. Annual conference of States+ Norway');
  });
});
