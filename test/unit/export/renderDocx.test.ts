import { describe, expect, it } from 'vitest';
import { renderDocx } from '../../../server/export/renderDocx.js';
import { fixtureDraft, hostileDraft } from './drafts.js';
import { COUNTRY_NAMES } from './fixtureDoc.js';
import { DROPPED_TEXT, FORBIDDEN_SUBSTRINGS, HOSTILE_TITLE, INERT_MARKUP } from './hostileFixture.js';
import { attr, byTag, textOf } from './htmlTree.js';
import { docxHtml, docxParts, docxText } from './readers.js';
import { DELEGATIONS, HOSTILE_RESERVATION, negotiationDraft, STATUS_NOTE } from './negotiationFixture.js';

describe('renderDocx', async () => {
  const bytes = await renderDocx(fixtureDraft());
  const html = await docxHtml(bytes);

  it('is a Word document whose title, version line, section and clause headings mammoth reads as such', () => {
    expect(byTag(html, 'h1').map((h) => [attr(h, 'class') ?? '', textOf(h)])).toEqual([
      ['doc-title', 'Code of Conduct on Export Controls and Human Rights'],
      ['', 'Commitments'],
    ]);
    expect(
      byTag(html, 'p')
        .filter((p) => attr(p, 'class') === 'version')
        .map(textOf),
    ).toEqual(['Rev.2, 1 March 2025']);
    expect(byTag(html, 'h2').map(textOf)).toEqual([
      'PP1. Recalling shared commitments',
      'PP2',
      'OP1. Human rights in licence reviews',
      'OP2. Stakeholders — Ελλάδα and Україна',
    ]);
  });

  it('keeps the country names, bold, italic, hyperlinks and Word lists', async () => {
    const text = await docxText(bytes);
    for (const name of COUNTRY_NAMES) expect(text).toContain(name);
    expect(byTag(html, 'strong').map(textOf)).toEqual(['Türkiye', 'Україна', 'will']);
    expect(byTag(html, 'em').map(textOf)).toEqual(['Ελλάδα', 'Україна', 'serious']);
    expect(byTag(html, 'a').map((a) => [attr(a, 'href'), textOf(a)])).toEqual([
      ['https://www.ohchr.org/en/business', 'Guiding Principles'],
      ['mailto:secretariat@example.org', 'contact point'],
    ]);
    expect(byTag(html, 'ul').length).toBe(1);
    expect(byTag(html, 'ol').length).toBe(2);
    expect(byTag(html, 'li').map(textOf)).toContain('Consult civil society in Türkiye;');
  });

  it('dates its properties from the version, prints "Page N of M" fields in the footer and sets A4 pages', () => {
    const parts = docxParts(bytes);
    expect(parts['docProps/core.xml']).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2025-03-01T14:05:09Z</dcterms:created>');
    expect(parts['docProps/core.xml']).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2025-03-01T14:05:09Z</dcterms:modified>');
    expect(parts['docProps/core.xml']).toContain('<dc:title>Code of Conduct on Export Controls and Human Rights</dc:title>');
    const footer = parts['word/footer1.xml']!;
    expect(footer).toMatch(/Page [\s\S]*PAGE[\s\S]* of [\s\S]*NUMPAGES/);
    expect(parts['word/document.xml']).toContain('<w:pgSz w:w="11906" w:h="16838"');
  });

  it('renders a hostile document as inert text only: no dropped text, only safe hyperlink targets', async () => {
    const hostile = await renderDocx(hostileDraft());
    const text = await docxText(hostile);
    expect(text).toContain(INERT_MARKUP);
    expect(text).toContain(HOSTILE_TITLE);
    const parts = docxParts(hostile);
    const all = Object.values(parts).join('\n');
    for (const dropped of DROPPED_TEXT) expect(all).not.toContain(dropped);
    for (const bad of FORBIDDEN_SUBSTRINGS) expect(all.toLowerCase()).not.toContain(bad);
    const targets = [...parts['word/_rels/document.xml.rels']!.matchAll(/Target="([^"]+)" TargetMode="External"/g)].map((m) => m[1]);
    expect(targets).toEqual(['https://example.org/ok']);
    expect(parts['word/document.xml']).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(Object.keys(parts).some((name) => /vbaProject|\.bin$|activeX/i.test(name))).toBe(false);
  });

  it('writes runs changed in a redline as real tracked insertions and deletions', async () => {
    const { Document, Packer, Paragraph } = await import('docx');
    const { docxInline } = await import('../../../server/export/docxInline.js');
    let id = 0;
    const changes = { author: 'Secretariat', date: '2025-03-01T14:05:09Z', nextChangeId: () => (id += 1) };
    const paragraph = new Paragraph({
      children: [
        docxInline({ text: 'added', marks: [], change: 'inserted' }, changes),
        docxInline({ text: 'removed', marks: [{ type: 'bold' }], change: 'deleted' }, changes),
      ],
    });
    const xml = docxParts(new Uint8Array(await Packer.toBuffer(new Document({ sections: [{ children: [paragraph] }] }))))[
      'word/document.xml'
    ]!;
    expect(xml).toMatch(/<w:ins w:id="1" w:author="Secretariat" w:date="2025-03-01T14:05:09Z">[\s\S]*added/);
    expect(xml).toMatch(/<w:del w:id="2" w:author="Secretariat" w:date="2025-03-01T14:05:09Z">[\s\S]*<w:delText[^>]*>removed<\/w:delText>/);
  });
});

describe('renderDocx of a draft in negotiation', async () => {
  const bytes = await renderDocx(negotiationDraft());
  const html = await docxHtml(bytes);
  const parts = docxParts(bytes);
  const paragraphs = byTag(html, 'p').map(textOf);

  it('writes each bracketed passage as "[text]" followed by its delegation in superscript', () => {
    expect(paragraphs).toContain(`Recalling the [firm commitments]Norway of all States [and others]${DELEGATIONS.hostile.name} here,`);
    expect(paragraphs).toContain('Noting [with concern]United States the guidance,');
    expect(byTag(html, 'sup').map(textOf)).toEqual(['Norway', DELEGATIONS.hostile.name, 'United States']);
    expect(byTag(html, 'strong').map(textOf)).toEqual(['commitments']);
    expect(parts['word/styles.xml']).toMatch(
      /<w:style w:type="character" w:styleId="BracketTag">[\s\S]*?<w:vertAlign w:val="superscript"\/>/,
    );
  });

  it('labels the options, writes a "no text" option as No text in italics, and gives status and positions their own styles', async () => {
    expect(byTag(html, 'h2').map(textOf)).toEqual(['PP1. Recalling', 'PP2. Noting', 'PP2alt. Noting', 'PP2alt2', 'OP1. Licence reviews']);
    expect(paragraphs).toEqual(
      expect.arrayContaining(['Option 1 · Status: Open', 'Option 2', 'Option 3', `Status: Agreed ad ref — ${STATUS_NOTE}`]),
    );
    expect(byTag(html, 'em').map(textOf)).toEqual(['No text']);
    expect(paragraphs).toContain(
      `Positions: ${DELEGATIONS.hostile.name} — can live with; Norway — reservation: “${HOSTILE_RESERVATION}”; United States — supports`,
    );
    const documentXml = parts['word/document.xml']!;
    expect(documentXml.match(/<w:pStyle w:val="ClauseMeta"\/>/g)).toHaveLength(4);
    expect(documentXml.match(/<w:pStyle w:val="ClausePositions"\/>/g)).toHaveLength(1);
    expect(await docxText(bytes)).toContain('Option 3\n\nNo text');
  });

  it('keeps delegation names and reservation texts inert: escaped in the XML, no hyperlink', () => {
    const documentXml = parts['word/document.xml']!;
    expect(documentXml).toContain('&lt;img src=x onerror=');
    expect(documentXml).toContain('&lt;script&gt;');
    expect(documentXml).not.toMatch(/<(img|script)\b/);
    expect(parts['word/_rels/document.xml.rels']).not.toContain('TargetMode="External"');
  });
});
