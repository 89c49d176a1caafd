import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { VersionDetail } from '../../../shared/api/versions.js';
import { DraftText } from '../../../shared/export/DraftText.js';
import { EXPORT_FORMATS, type ExportFormat } from '../../../shared/export/exportFormats.js';
import { clauseTitle } from '../../../server/export/clauseTitle.js';
import { exportContentType } from '../../../server/export/renderExport.js';
import { openCollabClient, starterDraftId } from '../../helpers/collabClient.js';
import { manualClock, startTestServer, type TestServer } from '../../helpers/testServer.js';
import { attr, byTag, elements, textOf } from '../../unit/export/htmlTree.js';
import { COUNTRY_NAMES } from '../../unit/export/fixtureDoc.js';
import { docxHtml, docxText, pdfPages, validateAkn, xpath } from '../../unit/export/readers.js';
import { operativeIds, signInAll } from '../versions/versionHelpers.js';
import {
  COUNTRY_SENTENCE,
  download,
  downloadTwiceIdentical,
  expectAttachmentHeaders,
  markdownNodes,
  markdownText,
  typeCountryNames,
} from './exportHelpers.js';

const EXTENSIONS: Record<ExportFormat, string> = { md: 'md', html: 'html', docx: 'docx', pdf: 'pdf', akn: 'akn.xml', json: 'json' };
const TITLE_SLUG = 'code-of-conduct-on-export-controls-and-human-rights';
const el = (name: string) => `*[local-name()='${name}']`;
const oneLine = (text: string) => text.replace(/\s+/g, ' ');

describe('exporting a version over HTTP', () => {
  const clock = manualClock(new Date('2026-03-02T10:00:00Z'));
  let server: TestServer;
  let draftId: string;
  let as: Awaited<ReturnType<typeof signInAll>>;
  let rev1: VersionDetail;
  let unpublishedId: string;
  /** Clause titles as every format prints them ("OP1. Human rights in licence reviews"), from the version's DraftText. */
  let titles: { sections: string[]; clauses: string[] };
  const exportUrl = (versionId: string, format: string) => `/api/drafts/${draftId}/versions/${versionId}/export?format=${format}`;

  beforeAll(async () => {
    server = await startTestServer({ clock });
    draftId = await starterDraftId(server);
    as = await signInAll(server);
    const editor = await openCollabClient(server, { draftId, cookie: as.delegate.cookie! });
    await typeCountryNames(server, draftId, editor, operativeIds(editor.doc)[0]!);
    const saved = await as.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'Before the plenary' });
    clock.advance(60 * 60_000);
    expect((await as.secretariat.post(`/api/drafts/${draftId}/versions/${saved.body.id}/publish`)).body.revision).toBe(1);
    rev1 = VersionDetail.parse((await as.reviewer.get(`/api/drafts/${draftId}/versions/${saved.body.id}`)).body);
    clock.advance(60 * 60_000);
    unpublishedId = (await as.delegate.post(`/api/drafts/${draftId}/versions`, { label: 'After the plenary' })).body.id;
    const numbered = rev1.text.clauses.filter((c) => c.kind !== 'section');
    titles = { sections: rev1.text.clauses.filter((c) => c.kind === 'section').map(clauseTitle), clauses: numbered.map(clauseTitle) };
    expect(titles.clauses).toContain('OP1. Human rights in licence reviews');
    expect(titles.sections).toEqual(['Preamble', 'Commitments']);
  });

  it.each(EXPORT_FORMATS)(
    'serves Rev.1 as %s: the same bytes on every download, as an attachment named after the revision',
    async (format) => {
      const file = await downloadTwiceIdentical(server, as.reviewer.cookie!, exportUrl(rev1.version.id, format));
      expectAttachmentHeaders(file, `${TITLE_SLUG}-Rev.1.${EXTENSIONS[format]}`, exportContentType(format));
    },
  );

  it('names an unpublished version by its label and the time it was saved', async () => {
    const file = await download(server, as.delegate.cookie, exportUrl(unpublishedId, 'docx'));
    expect(file.status).toBe(200);
    expect(file.headers.get('content-disposition')).toContain(`filename="${TITLE_SLUG}-after-the-plenary-2026-03-02-1200.docx"`);
  });

  it('gives Markdown that CommonMark reads as the title, section and numbered clause headings and the typed text', async () => {
    const md = (await download(server, as.reviewer.cookie, exportUrl(rev1.version.id, 'md'))).text();
    const headings = markdownNodes(md).filter((n) => n.type === 'heading');
    expect(headings.filter((h) => h.level === 1).map(markdownText)).toEqual(['Code of Conduct on Export Controls and Human Rights']);
    expect(headings.filter((h) => h.level === 2).map(markdownText)).toEqual(titles.sections);
    expect(headings.filter((h) => h.level === 3).map(markdownText)).toEqual(titles.clauses);
    const paragraphs = markdownNodes(md)
      .filter((n) => n.type === 'paragraph')
      .map(markdownText);
    expect(paragraphs).toContain('Rev.1, 2 March 2026');
    expect(paragraphs.some((p) => p.startsWith(COUNTRY_SENTENCE))).toBe(true);
  });

  it('gives HTML that a parser reads as headings with clause numbers and the typed text', async () => {
    const html = (await download(server, as.reviewer.cookie, exportUrl(rev1.version.id, 'html'))).text();
    expect(byTag(html, 'h1').map(textOf)).toEqual(['Code of Conduct on Export Controls and Human Rights']);
    expect(byTag(html, 'h2').map(textOf)).toEqual(titles.sections);
    expect(byTag(html, 'h3').map(textOf)).toEqual(titles.clauses);
    expect(
      byTag(html, 'p')
        .map(textOf)
        .some((p) => p.startsWith(COUNTRY_SENTENCE)),
    ).toBe(true);
    expect(elements(html).filter((e) => e.tagName === 'script')).toEqual([]);
  });

  it('gives a Word document that mammoth reads as headings with clause numbers and the typed text', async () => {
    const bytes = (await download(server, as.reviewer.cookie, exportUrl(rev1.version.id, 'docx'))).bytes;
    const html = await docxHtml(bytes);
    expect(byTag(html, 'h1').map(textOf)).toEqual(['Code of Conduct on Export Controls and Human Rights', ...titles.sections]);
    expect(byTag(html, 'h2').map(textOf)).toEqual(titles.clauses);
    expect(
      byTag(html, 'p')
        .filter((p) => attr(p, 'class') === 'version')
        .map(textOf),
    ).toEqual(['Rev.1, 2 March 2026']);
    expect(await docxText(bytes)).toContain(COUNTRY_SENTENCE);
  });

  it('gives a PDF whose text pdf.js extracts with every heading and the country names intact', async () => {
    const text = oneLine(
      (await pdfPages((await download(server, as.reviewer.cookie, exportUrl(rev1.version.id, 'pdf'))).bytes)).join('\n'),
    );
    expect(text).toContain('Rev.1, 2 March 2026');
    for (const title of [...titles.sections, ...titles.clauses]) expect(text).toContain(title);
    for (const name of COUNTRY_NAMES) expect(text).toContain(name);
    expect(text).toMatch(/Page 1 of \d/);
  });

  it('gives Akoma Ntoso that xmllint validates against the schema, with clause numbers, headings and the typed text', async () => {
    const xml = (await download(server, as.reviewer.cookie, exportUrl(rev1.version.id, 'akn'))).text();
    const verdict = validateAkn(xml);
    expect(verdict.messages).toContain('validates');
    expect(verdict.valid).toBe(true);
    const numbers = rev1.text.clauses.filter((c) => c.number !== null).map((c) => c.number);
    const nums = Number(xpath(xml, `count(//${el('num')}[parent::${el('recital')} or parent::${el('paragraph')}])`));
    expect(nums).toBe(numbers.length);
    for (const clause of rev1.text.clauses.filter((c) => c.number !== null)) {
      const element = `//${el('paragraph')}[${el('num')}='${clause.number}']`;
      expect(xpath(xml, `count(${element})`), clause.number!).toBe('1');
      expect(xpath(xml, `string(${element}/${el('heading')})`)).toBe(clause.heading);
    }
    expect(xpath(xml, `string(//${el('paragraph')}[${el('num')}='OP1']/${el('heading')})`)).toBe('Human rights in licence reviews');
    expect(xpath(xml, `string(//${el('paragraph')}[${el('num')}='OP1']/${el('content')})`)).toContain(COUNTRY_SENTENCE);
    expect(xpath(xml, `string(//${el('hcontainer')}[@name='section'][2]/${el('heading')})`)).toBe('Commitments');
    expect(xpath(xml, `string(//${el('docNumber')})`)).toBe('Rev.1');
  });

  it('gives JSON that is the version’s DraftText, whose sha256 is the fingerprint the version shows', async () => {
    const file = await download(server, as.reviewer.cookie, exportUrl(rev1.version.id, 'json'));
    expect(DraftText.parse(JSON.parse(file.text()))).toEqual(rev1.text);
    expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(rev1.version.fingerprint);
  });

  it('lets every member download, and answers a signed-out request with 401', async () => {
    for (const member of [as.secretariat, as.delegate, as.otherDelegate, as.reviewer]) {
      expect((await download(server, member.cookie, exportUrl(rev1.version.id, 'pdf'))).status).toBe(200);
    }
    const anonymous = await download(server, undefined, exportUrl(rev1.version.id, 'pdf'));
    expect([anonymous.status, anonymous.json().error.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect(anonymous.headers.get('content-disposition')).toBeNull();
  });

  it.each([
    ['an unknown format', 'format=exe'],
    ['no format', ''],
    ['two formats', 'format=md&format=pdf'],
    ['a format in the wrong case', 'format=PDF'],
  ])('refuses %s with 400 UNSUPPORTED_FORMAT', async (_what, query) => {
    const res = await download(server, as.reviewer.cookie, `/api/drafts/${draftId}/versions/${rev1.version.id}/export?${query}`);
    expect([res.status, res.json().error.code]).toEqual([400, 'UNSUPPORTED_FORMAT']);
    expect(res.headers.get('content-disposition')).toBeNull();
  });

  it('answers 404 VERSION_NOT_FOUND for an unknown, malformed or other draft’s version, and 404 DRAFT_NOT_FOUND for an unknown draft', async () => {
    const other = await as.secretariat.post('/api/drafts', { title: 'Another draft', template: 'starter' });
    const foreign = (await as.secretariat.post(`/api/drafts/${other.body.id}/versions`, { label: 'Elsewhere' })).body.id;
    expect((await download(server, as.reviewer.cookie, `/api/drafts/${other.body.id}/versions/${foreign}/export?format=md`)).status).toBe(
      200,
    );
    for (const versionId of [foreign, 'AAAAAAAAAAAAAAAA', 'not a version!', '..%2F..%2Fetc']) {
      const res = await download(server, as.reviewer.cookie, exportUrl(versionId, 'md'));
      expect([res.status, res.json().error.code]).toEqual([404, 'VERSION_NOT_FOUND']);
    }
    const res = await download(server, as.reviewer.cookie, `/api/drafts/nosuchdraft00000/versions/${rev1.version.id}/export?format=md`);
    expect([res.status, res.json().error.code]).toEqual([404, 'DRAFT_NOT_FOUND']);
  });
});
