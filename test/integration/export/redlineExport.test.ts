import { beforeAll, describe, expect, it } from 'vitest';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { moveClause } from '../../../shared/doc/moveClause.js';
import { openCollabClient, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { manualClock, startTestServer, type TestServer } from '../../helpers/testServer.js';
import { attr, byTag, textOf } from '../../unit/export/htmlTree.js';
import { docxParts, docxText } from '../../unit/export/readers.js';
import { operativeIds, serverParagraphs, signInAll, typeInto } from '../versions/versionHelpers.js';
import { COUNTRY_SENTENCE, download, downloadTwiceIdentical, expectAttachmentHeaders, typeCountryNames, until } from './exportHelpers.js';

const TITLE_SLUG = 'code-of-conduct-on-export-controls-and-human-rights';
const HTML = 'text/html; charset=utf-8';
const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const unescape = (xml: string) =>
  xml
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');

/** The text of each w:ins (w:t) or w:del (w:delText) element of a Word document body. */
function tracked(documentXml: string, kind: 'ins' | 'del'): string[] {
  const textTag = kind === 'ins' ? 'w:t' : 'w:delText';
  return [...documentXml.matchAll(new RegExp(`<w:${kind} [^>]*[^/]>([\\s\\S]*?)</w:${kind}>`, 'g'))].map((m) =>
    unescape([...m[1]!.matchAll(new RegExp(`<${textTag}[^>]*>([^<]*)</${textTag}>`, 'g'))].map((t) => t[1]).join('')),
  );
}

describe('exporting a redline over HTTP', () => {
  const clock = manualClock(new Date('2026-03-02T10:00:00Z'));
  let server: TestServer;
  let draftId: string;
  let editor: CollabClient;
  let op: string[];
  let as: Awaited<ReturnType<typeof signInAll>>;
  let rev1: string;
  let rev2: string;
  let added: string;
  const redlineUrl = (from: string, to: string, format: string) =>
    `/api/drafts/${draftId}/compare/export?from=${from}&to=${to}&format=${format}`;

  async function publish(label: string): Promise<string> {
    const id = (await as.delegate.post(`/api/drafts/${draftId}/versions`, { label })).body.id as string;
    expect((await as.secretariat.post(`/api/drafts/${draftId}/versions/${id}/publish`)).status).toBe(200);
    return id;
  }

  beforeAll(async () => {
    server = await startTestServer({ clock });
    draftId = await starterDraftId(server);
    as = await signInAll(server);
    editor = await openCollabClient(server, { draftId, cookie: as.delegate.cookie! });
    op = operativeIds(editor.doc);
    await typeCountryNames(server, draftId, editor, op[0]!);
    rev1 = await publish('First reading');

    clock.advance(2 * 60 * 60_000);
    typeInto(editor.doc, op[0]!, COUNTRY_SENTENCE.length + 'Subscribing States will '.length, 'carefully ');
    added = editor.doc.transact(() => {
      deleteClause(editor.doc, op[1]!);
      moveClause(editor.doc, op[5]!, { before: op[2]! });
      return addClause(editor.doc, {
        kind: 'operative',
        heading: 'Transparency',
        paragraphs: ["Subscribing States will publish annual reports, in Ελλάδα and Côte d'Ivoire alike."],
        after: op[3]!,
      });
    });
    await until(async () => (await serverParagraphs(server, draftId, added)).length === 1, 'the server has the added clause');
    rev2 = await publish('Second reading');
  });

  it('serves a redline of two revisions as one HTML file, the same bytes on every download, named after both', async () => {
    const file = await downloadTwiceIdentical(server, as.reviewer.cookie!, redlineUrl(rev1, rev2, 'html'));
    expectAttachmentHeaders(file, `${TITLE_SLUG}-redline-Rev.1-Rev.2.html`, HTML);
    const html = file.text();
    expect(textOf(byTag(html, 'header')[0]!)).toContain('Redline: Rev.1, 2 March 2026 → Rev.2, 2 March 2026');
    expect(byTag(html, 'ins').map(textOf)).toEqual(
      expect.arrayContaining([
        'carefully ',
        'OP5. Transparency',
        "Subscribing States will publish annual reports, in Ελλάδα and Côte d'Ivoire alike.",
      ]),
    );
    expect(byTag(html, 'del').map(textOf)).toEqual(expect.arrayContaining(['OP2. Consultation with stakeholders']));
    const labels = byTag(html, 'p')
      .filter((p) => attr(p, 'class')?.startsWith('change-label'))
      .map(textOf);
    expect(labels).toEqual(['Removed: was OP2 in Rev.1', 'Moved: OP6 in Rev.1, now OP2 in Rev.2', 'Added in Rev.2 as OP5']);
    expect(
      byTag(html, 'p')
        .map(textOf)
        .some((p) => p.startsWith(`${COUNTRY_SENTENCE}Subscribing States will carefully take`)),
    ).toBe(true);
    expect(byTag(html, 'script')).toEqual([]);
  });

  it('serves a redline of two revisions as a Word document of tracked changes, the same bytes on every download', async () => {
    const file = await downloadTwiceIdentical(server, as.reviewer.cookie!, redlineUrl(rev1, rev2, 'docx'));
    expectAttachmentHeaders(file, `${TITLE_SLUG}-redline-Rev.1-Rev.2.docx`, DOCX);
    const parts = docxParts(file.bytes);
    const body = parts['word/document.xml']!;
    expect(tracked(body, 'ins')).toEqual(expect.arrayContaining(['carefully ', 'OP5. Transparency']));
    expect(tracked(body, 'del')).toEqual(expect.arrayContaining(['OP2. Consultation with stakeholders']));
    const authors = new Set([...body.matchAll(/<w:(?:ins|del) [^>]*w:author="([^"]*)" w:date="([^"]*)"/g)].map((m) => `${m[1]} ${m[2]}`));
    expect([...authors]).toEqual(['Secretariat 2026-03-02T12:00:00Z']);
    expect(parts['word/comments.xml']).toContain('Moved: OP6 in Rev.1, now OP2 in Rev.2');
    // Word (and mammoth) show the accepted text: the newer revision.
    const accepted = await docxText(file.bytes);
    expect(accepted).toContain(`${COUNTRY_SENTENCE}Subscribing States will carefully take`);
    expect(accepted).toContain("Subscribing States will publish annual reports, in Ελλάδα and Côte d'Ivoire alike.");
    expect(accepted).not.toContain('Consultation with stakeholders');
  });

  it('compares a revision with the live draft, naming the live side by the time of the export', async () => {
    typeInto(editor.doc, op[2]!, 0, 'Україна: ');
    await until(
      async () => ((await serverParagraphs(server, draftId, op[2]!))[0] ?? '').startsWith('Україна: '),
      'the server has the edit',
    );
    clock.advance(90_000);
    const html = await download(server, as.delegate.cookie, redlineUrl(rev2, 'live', 'html'));
    expect(html.status).toBe(200);
    expect(html.headers.get('content-disposition')).toContain(`filename="${TITLE_SLUG}-redline-Rev.2-live-2026-03-02-1201.html"`);
    const main = html.text().slice(html.text().indexOf('<main>'));
    expect([byTag(main, 'ins').map(textOf), byTag(main, 'del').map(textOf)]).toEqual([['Україна: '], []]);
    expect(textOf(byTag(html.text(), 'header')[0]!)).toContain('Rev.2, 2 March 2026 → Live draft, 2 March 2026, 12:01 UTC');
    const docx = await download(server, as.delegate.cookie, redlineUrl('live', rev1, 'docx'));
    expect(docx.headers.get('content-disposition')).toContain(`filename="${TITLE_SLUG}-redline-live-2026-03-02-1201-Rev.1.docx"`);
    expect(tracked(docxParts(docx.bytes)['word/document.xml']!, 'del')).toEqual(expect.arrayContaining(['Україна: ', 'carefully ']));
  });

  it('lets a reviewer download redlines and answers a signed-out request with 401', async () => {
    expect((await download(server, as.reviewer.cookie, redlineUrl(rev1, rev2, 'docx'))).status).toBe(200);
    const anonymous = await download(server, undefined, redlineUrl(rev1, rev2, 'html'));
    expect([anonymous.status, anonymous.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
  });

  it.each([
    ['a format a redline does not come in', (r1: string, r2: string) => `from=${r1}&to=${r2}&format=pdf`, 400, 'UNSUPPORTED_FORMAT'],
    ['no format', (r1: string, r2: string) => `from=${r1}&to=${r2}`, 400, 'UNSUPPORTED_FORMAT'],
    ['no `from`', (_r1: string, r2: string) => `to=${r2}&format=html`, 400, 'VALIDATION_FAILED'],
    ['a malformed version id', (r1: string) => `from=${r1}&to=..%2Fetc&format=html`, 400, 'VALIDATION_FAILED'],
    ['an unknown version', (r1: string) => `from=${r1}&to=AAAAAAAAAAAAAAAA&format=docx`, 404, 'VERSION_NOT_FOUND'],
  ])('refuses %s', async (_what, query, status, code) => {
    const res = await download(server, as.reviewer.cookie, `/api/drafts/${draftId}/compare/export?${query(rev1, rev2)}`);
    expect([res.status, res.json().error.code]).toEqual([status, code]);
    expect(res.headers.get('content-disposition')).toBeNull();
  });
});
