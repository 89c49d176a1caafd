import { strToU8, zipSync } from 'fflate';
import { describe, expect, it, vi } from 'vitest';
import { renderRedlineDocx } from '../../../server/export/redline/renderRedlineDocx.js';
import { renderDocx } from '../../../server/export/renderDocx.js';
import { byTag, textOf } from './htmlTree.js';
import { docxHtml, docxParts, docxText } from './readers.js';
import { compareDrafts } from '../../../shared/compare/compareDrafts.js';
import { fixtureDraft } from './drafts.js';
import { redlineComparison, redlineFixtureSides, redlineFrom, redlineTo } from './redlineFixture.js';

const CHANGE_DATE = '2025-04-02T10:30:00Z';

const unescape = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each tracked change of one kind, in document order (w:t in insertions, w:delText in deletions). */
function tracked(documentXml: string, kind: 'ins' | 'del'): string[] {
  const textTag = kind === 'ins' ? 'w:t' : 'w:delText';
  return [...documentXml.matchAll(new RegExp(`<w:${kind} [^>]*[^/]>([\\s\\S]*?)</w:${kind}>`, 'g'))].map((m) =>
    unescape([...m[1]!.matchAll(new RegExp(`<${textTag}[^>]*>([^<]*)</${textTag}>`, 'g'))].map((t) => t[1]).join('')),
  );
}

/** The document as Word shows it after "Reject All": insertions and deletions swapped, then read as accepted. */
function rejectAll(bytes: Uint8Array): Uint8Array {
  const parts = docxParts(bytes);
  const swapped = parts['word/document.xml']!.replace(
    /<(\/?)w:(ins|del)\b/g,
    (_m, close: string, kind: string) => `<${close}w:${kind === 'ins' ? 'del' : 'ins'}`,
  ).replace(
    /<w:ins ([^>]*[^/])>([\s\S]*?)<\/w:ins>/g,
    (_m, attrs: string, body: string) => `<w:ins ${attrs}>${body.replace(/<(\/?)w:delText/g, '<$1w:t')}</w:ins>`,
  );
  const files: Record<string, Uint8Array> = {};
  for (const [name, text] of Object.entries({ ...parts, 'word/document.xml': swapped })) files[name] = strToU8(text);
  return zipSync(files);
}

describe('renderRedlineDocx', async () => {
  const bytes = await renderRedlineDocx(redlineComparison(), redlineFixtureSides());
  const parts = docxParts(bytes);
  const documentXml = parts['word/document.xml']!;

  it('writes insertions as w:ins and deletions as w:del with the right words', () => {
    expect(tracked(documentXml, 'ins')).toEqual([
      'OP1',
      'OP2',
      'in licence reviews',
      'will',
      ' carefully ',
      'serious ',
      'emerging ',
      ';',
      'best practices.',
      'OP4. Transparency',
      "Publish reports in Côte d'Ivoire.",
    ]);
    expect(tracked(documentXml, 'del')).toEqual([
      'OP4',
      'OP1',
      'will ',
      'OP2. Consultation',
      'Subscribing States will consult stakeholders.',
      '.',
    ]);
  });

  it('attributes every change to the secretariat, dated from the later version, with ids unique in the document', () => {
    const marks = [...documentXml.matchAll(/<w:(ins|del) w:id="(\d+)" w:author="([^"]*)" w:date="([^"]*)"/g)];
    expect(marks.length).toBeGreaterThan(20);
    for (const mark of marks) expect([mark[3], mark[4]]).toEqual(['Secretariat', CHANGE_DATE]);
    const ids = [...documentXml.matchAll(/<w:(?:ins|del|commentRangeStart) w:id="(\d+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('tracks the paragraph marks of paragraphs on one side only, so accepting a deletion removes the paragraph', () => {
    expect(documentXml.match(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:del /g)?.length).toBe(2);
    expect(documentXml.match(/<w:pPr>(?:(?!<\/w:pPr>).)*<w:rPr><w:ins /g)?.length).toBe(3);
  });

  it('labels added, removed and moved clauses with Word comments naming their numbers, and turns Track Changes on', () => {
    const comments = [...parts['word/comments.xml']!.matchAll(/<w:comment [^>]*w:author="Secretariat"[^>]*>([\s\S]*?)<\/w:comment>/g)].map(
      (m) => unescape(m[1]!.replace(/<[^>]+>/g, '')),
    );
    expect(comments).toEqual(['Moved: OP4 in Rev.1, now OP1 in Rev.2', 'Removed: was OP2 in Rev.1', 'Added in Rev.2 as OP4']);
    expect(parts['word/settings.xml']).toContain('<w:trackRevisions/>');
  });

  it('reads, with every change accepted, exactly as the clean export of the newer version (mammoth)', async () => {
    const body = async (docx: Uint8Array) =>
      (await docxHtml(docx)).replace(/^<h1 class="doc-title">[\s\S]*?<p class="version">[\s\S]*?<\/p>/, '');
    expect(await body(bytes)).toBe(await body(await renderDocx(redlineTo())));
    const html = await docxHtml(bytes);
    expect(byTag(html, 'h2').map(textOf)).toEqual([
      'PP1',
      'OP1. Capacity building',
      'OP2. Human rights in licence reviews',
      'OP3. Sharing information',
      'OP4. Transparency',
    ]);
  });

  it('draws nested Word lists as the clean export does when nothing changed', async () => {
    const draft = fixtureDraft();
    const body = async (docx: Uint8Array) =>
      (await docxHtml(docx)).replace(/^<h1 class="doc-title">[\s\S]*?<p class="version">[\s\S]*?<\/p>/, '');
    const redline = await renderRedlineDocx(compareDrafts(draft, draft), { from: draft, to: draft });
    expect(await body(redline)).toBe(await body(await renderDocx(draft)));
    expect(docxParts(redline)['word/document.xml']).not.toMatch(/<w:(ins|del) /);
  });

  it('reads, with every change rejected, as the older version’s text', async () => {
    const text = await docxText(rejectAll(bytes));
    expect(text).toContain('OP2. Consultation');
    expect(text).toContain('Subscribing States will consult stakeholders.');
    expect(text).toContain('Subscribing States will take into account the risk.');
    expect(text).not.toContain('Transparency');
    expect(text).not.toContain('carefully');
    const clean = await docxText(await renderDocx(redlineFrom()));
    for (const line of clean.split('\n').filter((l) => l && !l.startsWith('Rev.1'))) expect(text).toContain(line);
  });

  it('gives the same bytes for the same comparison, whatever the clock', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-07-15T12:34:56Z'));
    const again = await renderRedlineDocx(redlineComparison(), redlineFixtureSides()).finally(() => vi.useRealTimers());
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    expect(parts['docProps/core.xml']).toContain(`<dcterms:created xsi:type="dcterms:W3CDTF">${CHANGE_DATE}</dcterms:created>`);
  });
});
