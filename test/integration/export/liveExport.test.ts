import { beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import { VersionDetail } from '../../../shared/api/versions.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { BRACKET_MARK } from '../../../shared/doc/schema.js';
import { DraftText } from '../../../shared/export/DraftText.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/export/exportFormats.js';
import { exportContentType } from '../../../server/export/renderExport.js';
import { openCollabClient, starterDraftId, type CollabClient } from '../../helpers/collabClient.js';
import { manualClock, startTestServer, type TestServer } from '../../helpers/testServer.js';
import { attr, byTag, textOf } from '../../unit/export/htmlTree.js';
import { docxHtml, docxParts, docxText, pdfInfo, pdfPages, validateAkn, xpath } from '../../unit/export/readers.js';
import { operativeIds, signInAll } from '../versions/versionHelpers.js';
import { download, expectAttachmentHeaders, markdownNodes, markdownText, until } from './exportHelpers.js';

/**
 * GET /api/drafts/:id/export: the live draft, as it stands, through the renderers versions use, stamped as a
 * working text with the export time, with the negotiation exactly as a version saved at that moment has it.
 */

const EXTENSIONS: Record<ExportFormat, string> = { md: 'md', html: 'html', docx: 'docx', pdf: 'pdf', akn: 'akn.xml', json: 'json' };
const TITLE_SLUG = 'code-of-conduct-on-export-controls-and-human-rights';
const EXPORT_TIME = '2026-12-07T14:05:00.000Z';
const STAMP = 'Working text, not a revision — exported 7 December 2026, 14:05 UTC';
/** Typed into a new clause through a collab client just before exporting: never saved as a version before the export. */
const LIVE_SENTENCE = 'Subscribing States, Türkiye, Ελλάδα and Україна among them, will publish licence statistics yearly.';
const el = (name: string) => `*[local-name()='${name}']`;
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

describe('exporting the live draft as a working text over HTTP', () => {
  const clock = manualClock(new Date('2026-12-07T12:00:00Z'));
  let server: TestServer;
  let draftId: string;
  let as: Awaited<ReturnType<typeof signInAll>>;
  let editor: CollabClient;
  let ids: { op1: string; added: string };
  let bracketed: string;
  /** A version saved at the export's moment, after the live edit: the live export must carry what it carries. */
  let sameMoment: VersionDetail;
  const exportUrl = (format: string, id = draftId) => `/api/drafts/${id}/export?format=${format}`;
  const exportAs = (format: string) => download(server, as.reviewer.cookie, exportUrl(format));

  beforeAll(async () => {
    server = await startTestServer({ clock });
    draftId = await starterDraftId(server);
    as = await signInAll(server);
    const usId = ((await as.delegate.get('/api/me')).body as { delegation: { id: string } }).delegation.id;
    const saved = await as.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'Before Rev.1' });
    clock.advance(60 * 60_000);
    expect((await as.secretariat.post(`/api/drafts/${draftId}/versions/${saved.body.id}/publish`)).body.revision).toBe(1);

    // The live edit: a clause added after Rev.1 (numbered against it) and a bracket, through a collab client.
    editor = await openCollabClient(server, { draftId, cookie: as.delegate.cookie! });
    const op1 = operativeIds(editor.doc)[0]!;
    const added = addClause(editor.doc, { kind: 'operative', heading: 'Statistics', paragraphs: [LIVE_SENTENCE], after: op1 });
    const text = firstText(editor.doc, op1);
    bracketed = text.toString().slice(0, 20).trim();
    text.format(0, bracketed.length, { [BRACKET_MARK]: { delegation: usId } });
    ids = { op1, added };
    await until(
      () => server.rooms.read(draftId, (doc) => firstText(doc, added)?.toString() === LIVE_SENTENCE),
      'the server has the live edit',
    );
    const status = await as.secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${op1}/status`, {
      status: 'agreed-ad-ref',
      note: 'Pending capitals',
      // OP1 holds the bracket just made: agreeing it is confirmed.
      confirm: true,
    });
    expect(status.status).toBe(200);
    expect(
      (await as.delegate.request('PUT', `/api/drafts/${draftId}/clauses/${op1}/positions/${usId}`, { position: 'supports' })).status,
    ).toBe(200);

    clock.advance(65 * 60_000);
    const version = await as.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'Same moment' });
    sameMoment = VersionDetail.parse((await as.reviewer.get(`/api/drafts/${draftId}/versions/${version.body.id}`)).body);
  });

  it.each(EXPORT_FORMATS)('serves %s to every member as an attachment named as a working text with its export time', async (format) => {
    for (const member of [as.secretariat, as.delegate, as.otherDelegate, as.reviewer]) {
      const file = await download(server, member.cookie, exportUrl(format));
      expect(file.status, file.text().slice(0, 300)).toBe(200);
      expect(file.bytes.length).toBeGreaterThan(0);
      expectAttachmentHeaders(file, `${TITLE_SLUG}-working-text-2026-12-07-1405.${EXTENSIONS[format]}`, exportContentType(format));
    }
  });

  it('gives JSON that is the live text, says it is a working text, and carries the negotiation as a version of that moment does', async () => {
    const live = DraftText.parse(JSON.parse((await exportAs('json')).text()));
    expect(live).toMatchObject({
      draftId,
      revision: null,
      versionLabel: null,
      date: EXPORT_TIME,
      workingText: { exportedAt: EXPORT_TIME },
    });
    expect(live.clauses).toEqual(sameMoment.text.clauses);
    const added = live.clauses.find((c) => c.id === ids.added)!;
    expect(added.number).toBe('OP1bis');
    expect(added.blocks).toEqual([{ type: 'paragraph', content: [{ text: LIVE_SENTENCE, marks: [] }] }]);
    const op1 = live.clauses.find((c) => c.id === ids.op1)!;
    expect(op1.status).toMatchObject({ status: 'agreed-ad-ref', note: 'Pending capitals' });
    expect(op1.positions.map((p) => [p.delegation, p.position])).toEqual([['United States', 'supports']]);
    const first = op1.blocks[0]!;
    expect(first.type === 'paragraph' && first.content[0]).toMatchObject({
      text: bracketed,
      marks: [{ type: 'bracket', delegation: 'United States' }],
    });
  });

  it('gives Markdown with the working-text stamp under the title and the live edit', async () => {
    const nodes = markdownNodes((await exportAs('md')).text());
    const paragraphs = nodes.filter((n) => n.type === 'paragraph').map(markdownText);
    expect(paragraphs[0]).toBe(STAMP);
    expect(nodes.filter((n) => n.type === 'heading' && n.level === 3).map(markdownText)).toContain('OP1bis. Statistics');
    expect(paragraphs).toContain(LIVE_SENTENCE);
    expect(paragraphs).toContain('Status: Agreed ad ref — Pending capitals');
    expect(paragraphs).toContain('Positions: United States — supports');
  });

  it('gives HTML whose version line and page title carry the stamp', async () => {
    const html = (await exportAs('html')).text();
    expect(
      byTag(html, 'p')
        .filter((p) => attr(p, 'class') === 'version')
        .map(textOf),
    ).toEqual([STAMP]);
    expect(textOf(byTag(html, 'title')[0]!)).toContain(STAMP);
    expect(byTag(html, 'p').map(textOf)).toContain(LIVE_SENTENCE);
  });

  it('gives a Word document stamped in its text and its subject property', async () => {
    const bytes = (await exportAs('docx')).bytes;
    expect(
      byTag(await docxHtml(bytes), 'p')
        .filter((p) => attr(p, 'class') === 'version')
        .map(textOf),
    ).toEqual([STAMP]);
    expect(docxParts(bytes)['docProps/core.xml']).toContain(`<dc:subject>${STAMP}</dc:subject>`);
    expect(await docxText(bytes)).toContain(LIVE_SENTENCE);
  });

  it('gives a PDF stamped in its text and its Subject', async () => {
    const bytes = (await exportAs('pdf')).bytes;
    const text = oneLine((await pdfPages(bytes)).join('\n'));
    expect(text).toContain(STAMP);
    expect(text).toContain(LIVE_SENTENCE);
    expect((await pdfInfo(bytes)).Subject).toBe(STAMP);
  });

  it('gives Akoma Ntoso valid against the schema, with the stage in the preface and the export time in the metadata', async () => {
    const xml = (await exportAs('akn')).text();
    const verdict = validateAkn(xml);
    expect(verdict.messages).toContain('validates');
    expect(verdict.valid).toBe(true);
    expect(oneLine(xpath(xml, `string(//${el('preface')}/${el('p')}[@class='version'])`))).toBe(STAMP);
    expect(xpath(xml, `string(//${el('docStage')})`)).toBe('Working text, not a revision');
    expect(xpath(xml, `string(//${el('docDate')}/@date)`)).toBe('2026-12-07');
    expect(xpath(xml, `count(//${el('docNumber')} | //${el('FRBRversionNumber')})`)).toBe('0');
    const stamp = `//${el('proprietary')}/*[local-name()='workingText' and namespace-uri()='urn:codeofconduct:export:1']`;
    expect(xpath(xml, `string(${stamp}/@exportedAt)`)).toBe(EXPORT_TIME);
    expect(xpath(xml, `string(//${el('paragraph')}[${el('num')}='OP1bis']/${el('content')})`)).toContain(LIVE_SENTENCE);
    expect(xpath(xml, `string(//*[local-name()='status']/@value)`)).toBe('agreed-ad-ref');
  });

  it('answers a signed-out request with 401 and an unknown draft with 404 DRAFT_NOT_FOUND', async () => {
    const anonymous = await download(server, undefined, exportUrl('pdf'));
    expect([anonymous.status, anonymous.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(anonymous.headers.get('content-disposition')).toBeNull();
    for (const id of ['nosuchdraft00000', 'not a draft!']) {
      const res = await download(server, as.reviewer.cookie, exportUrl('md', encodeURIComponent(id)));
      expect([res.status, res.json().error.code]).toEqual([404, 'DRAFT_NOT_FOUND']);
      expect(res.headers.get('content-disposition')).toBeNull();
    }
  });

  it.each([
    ['an unknown format', 'format=exe'],
    ['no format', ''],
    ['two formats', 'format=md&format=pdf'],
    ['a format in the wrong case', 'format=PDF'],
  ])('refuses %s with 400 UNSUPPORTED_FORMAT', async (_what, query) => {
    const res = await download(server, as.reviewer.cookie, `/api/drafts/${draftId}/export?${query}`);
    expect([res.status, res.json().error.code]).toEqual([400, 'UNSUPPORTED_FORMAT']);
    expect(res.headers.get('content-disposition')).toBeNull();
  });

  it('follows the live draft: an edit typed a minute later is in the next export, stamped and named with the new time', async () => {
    firstText(editor.doc, ids.added).insert(0, 'Late words. ');
    await until(
      () => server.rooms.read(draftId, (doc) => firstText(doc, ids.added)?.toString() === `Late words. ${LIVE_SENTENCE}`),
      'the server has the late edit',
    );
    clock.advance(60_000);
    const file = await exportAs('md');
    expect(file.headers.get('content-disposition')).toContain(`filename="${TITLE_SLUG}-working-text-2026-12-07-1406.md"`);
    expect(file.text()).toContain(`Late words. ${LIVE_SENTENCE}`);
    expect(file.text()).toContain('Working text, not a revision — exported 7 December 2026, 14:06 UTC');
    const json = DraftText.parse(JSON.parse((await exportAs('json')).text()));
    expect(json.workingText).toEqual({ exportedAt: '2026-12-07T14:06:00.000Z' });
  });
});

/** The text of a clause's first paragraph in a document. */
function firstText(doc: Y.Doc, clauseId: string): Y.XmlText {
  const clause = readOrderedClauses(doc).find((c) => c.id === clauseId);
  return (clause?.body.get(0) as Y.XmlElement | undefined)?.get(0) as Y.XmlText;
}
