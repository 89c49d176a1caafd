import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readClause } from '../../../shared/doc/readClause.js';
import { DraftText } from '../../../shared/export/DraftText.js';
import { EXPORT_FORMATS, REDLINE_FORMATS, type ExportFormat } from '../../../shared/export/exportFormats.js';
import { openCollabClient, starterDraftId } from '../../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';
import { attr, byTag, elements, textOf } from '../../unit/export/htmlTree.js';
import { docxHtml, docxParts, docxText, pdfLinks, pdfPages, validateAkn } from '../../unit/export/readers.js';
import { operativeIds, signInAll } from '../versions/versionHelpers.js';
import { download, markdownNodes, markdownText, until } from './exportHelpers.js';

/** Text inside elements the schema does not know: none of it may reach any export. */
const DROPPED = ['SCRIPT-MARKER', 'STYLE-MARKER', 'IFRAME-MARKER', 'UNKNOWN-MARKER'];
/** Markup typed as text: every export must show it as text. */
const TYPED_MARKUP = '<script>alert(7)</script>';
const SAFE_LINK = 'https://example.org/ok';

/**
 * What a modified client could write into a clause through the sync protocol: script, style, iframe, img and
 * unknown elements, event-handler and style attributes, javascript: links (also with odd case and spaces),
 * markup typed as text and in the heading.
 */
function writeHostileContent(doc: Y.Doc, clauseId: string): void {
  const clause = readClause(doc, clauseId)!;
  doc.transact(() => {
    const [script, style, paragraph, img, iframe, unknown] = ['script', 'style', 'paragraph', 'img', 'iframe', 'x-widget'].map(
      (name) => new Y.XmlElement(name),
    );
    clause.body.insert(clause.body.length, [script!, style!, paragraph!, img!, iframe!, unknown!]);
    script!.insert(0, [new Y.XmlText('SCRIPT-MARKER alert(1)')]);
    script!.setAttribute('src', 'https://evil.example/x.js');
    style!.insert(0, [new Y.XmlText('STYLE-MARKER body { display: none }')]);
    iframe!.insert(0, [new Y.XmlText('IFRAME-MARKER')]);
    iframe!.setAttribute('src', 'javascript:alert(10)');
    unknown!.insert(0, [new Y.XmlElement('paragraph')]);
    (unknown!.get(0) as Y.XmlElement).insert(0, [new Y.XmlText('UNKNOWN-MARKER')]);
    img!.setAttribute('src', 'x');
    img!.setAttribute('onerror', 'alert(8)');
    paragraph!.setAttribute('onclick', 'alert(2)');
    paragraph!.setAttribute('style', 'background: url(javascript:alert(3))');
    const text = new Y.XmlText();
    paragraph!.insert(0, [text]);
    const runs: Array<[string, Record<string, unknown>]> = [
      ['Visit ', {}],
      ['the portal', { link: { href: 'javascript:alert(4)', onclick: 'alert(5)' } }],
      [' or ', {}],
      ['this page', { link: { href: '  JaVaScRiPt:alert(6)' } }],
      [` and ${TYPED_MARKUP} typed as text, then `, {}],
      ['a safe link', { link: { href: SAFE_LINK, target: '_blank' } }],
      ['.', {}],
    ];
    for (const [run, attributes] of runs) text.insert(text.length, run, attributes);
    clause.heading.insert(0, '<img src=x onerror=alert(9)> ');
  });
}

describe('exports of a document a hostile client wrote into', () => {
  let server: TestServer;
  let draftId: string;
  let as: Awaited<ReturnType<typeof signInAll>>;
  let clean: string;
  let hostile: string;
  const files = new Map<ExportFormat, Uint8Array>();

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    as = await signInAll(server);
    clean = (await as.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'Clean' })).body.id;
    const editor = await openCollabClient(server, { draftId, cookie: as.delegate.cookie! });
    const clauseId = operativeIds(editor.doc)[0]!;
    writeHostileContent(editor.doc, clauseId);
    const expected = readClause(editor.doc, clauseId)!.body.length;
    await until(
      () => server.rooms.read(draftId, (doc) => readClause(doc, clauseId)?.body.length === expected),
      'the server has the hostile content',
    );
    hostile = (await as.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'Hostile' })).body.id;
    for (const format of EXPORT_FORMATS) {
      const file = await download(server, as.reviewer.cookie, `/api/drafts/${draftId}/versions/${hostile}/export?format=${format}`);
      expect(file.status, `${format}: ${file.text().slice(0, 200)}`).toBe(200);
      files.set(format, file.bytes);
    }
  });

  const text = (format: ExportFormat) => new TextDecoder().decode(files.get(format));

  it('exports HTML with no script, style, frame or image element, no event handler and only the safe link', () => {
    const html = text('html');
    const all = elements(html);
    expect(all.filter((e) => ['script', 'iframe', 'img', 'object', 'embed'].includes(e.tagName))).toEqual([]);
    expect(byTag(html, 'style').length).toBe(1);
    expect(
      all.flatMap((e) => e.attrs.map((a) => a.name)).filter((name) => name.startsWith('on') || name === 'style' || name === 'src'),
    ).toEqual([]);
    expect(byTag(html, 'a').map((a) => [attr(a, 'href'), textOf(a)])).toEqual([[SAFE_LINK, 'a safe link']]);
    const paragraph = byTag(html, 'p')
      .map(textOf)
      .find((p) => p.startsWith('Visit '));
    expect(paragraph).toBe(`Visit the portal or this page and ${TYPED_MARKUP} typed as text, then a safe link.`);
    expect(byTag(html, 'h3').map(textOf)).toContain('OP1. <img src=x onerror=alert(9)> Human rights in licence reviews');
  });

  it('exports Word with no javascript: hyperlink and the typed markup as text', async () => {
    const html = await docxHtml(files.get('docx')!);
    expect(byTag(html, 'a').map((a) => attr(a, 'href'))).toEqual([SAFE_LINK]);
    expect(await docxText(files.get('docx')!)).toContain(`Visit the portal or this page and ${TYPED_MARKUP} typed as text`);
    expect(
      Object.values(docxParts(files.get('docx')!))
        .join('\n')
        .toLowerCase(),
    ).not.toContain('javascript:');
  });

  it('exports Akoma Ntoso that still validates against the schema', () => {
    const verdict = validateAkn(text('akn'));
    expect(verdict.messages).toContain('validates');
    expect(verdict.valid).toBe(true);
    expect(text('akn')).toContain('&lt;script&gt;alert(7)&lt;/script&gt;');
  });

  it('exports Markdown in which CommonMark finds no raw HTML and only the safe link', () => {
    const nodes = markdownNodes(text('md'));
    expect(nodes.filter((n) => n.type === 'html_block' || n.type === 'html_inline').map((n) => n.literal)).toEqual([]);
    expect(nodes.filter((n) => n.type === 'link').map((n) => n.destination)).toEqual([SAFE_LINK]);
    expect(nodes.filter((n) => n.type === 'paragraph').map(markdownText)).toContain(
      `Visit the portal or this page and ${TYPED_MARKUP} typed as text, then a safe link.`,
    );
  });

  it('exports a PDF whose only link is the safe one, and JSON that is valid DraftText', async () => {
    // A link broken over two lines is two link areas, both to the same target.
    expect([...new Set(await pdfLinks(files.get('pdf')!))]).toEqual([SAFE_LINK]);
    expect((await pdfPages(files.get('pdf')!)).join(' ').replace(/\s+/g, ' ')).toContain(TYPED_MARKUP);
    expect(() => DraftText.parse(JSON.parse(text('json')))).not.toThrow();
  });

  it('lets nothing from unknown elements and no javascript: or event handler reach any format', async () => {
    const readable: Record<ExportFormat, string> = {
      md: text('md'),
      html: text('html'),
      docx: Object.values(docxParts(files.get('docx')!)).join('\n'),
      pdf: (await pdfPages(files.get('pdf')!)).join('\n'),
      akn: text('akn'),
      json: text('json'),
    };
    for (const [format, content] of Object.entries(readable)) {
      for (const marker of DROPPED) expect(content, `${format} has ${marker}`).not.toContain(marker);
      for (const bad of ['javascript:', 'evil.example', 'alert(2)', 'alert(5)', 'alert(8)'])
        expect(content.toLowerCase(), `${format} has ${bad}`).not.toContain(bad);
    }
  });

  it.each(REDLINE_FORMATS)('exports the redline against the clean version as %s without any of it either', async (format) => {
    const file = await download(
      server,
      as.reviewer.cookie,
      `/api/drafts/${draftId}/compare/export?from=${clean}&to=${hostile}&format=${format}`,
    );
    expect(file.status).toBe(200);
    const content = format === 'html' ? file.text() : Object.values(docxParts(file.bytes)).join('\n');
    for (const marker of DROPPED) expect(content).not.toContain(marker);
    expect(content.toLowerCase()).not.toContain('javascript:');
    if (format === 'html') {
      expect(
        elements(content).filter((e) => ['script', 'iframe', 'img'].includes(e.tagName) || e.attrs.some((a) => a.name.startsWith('on'))),
      ).toEqual([]);
      expect(byTag(content, 'ins').map(textOf)).toContain(`Visit the portal or this page and ${TYPED_MARKUP} typed as text, then `);
    } else {
      expect((await docxHtml(file.bytes)).match(/href="([^"]*)"/g)).toEqual([`href="${SAFE_LINK}"`]);
    }
  });
});
