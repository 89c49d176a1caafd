import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addOption } from '../../../shared/doc/options.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { BRACKET_MARK } from '../../../shared/doc/schema.js';
import { DraftText } from '../../../shared/export/DraftText.js';
import { readBracketRuns } from '../../../shared/negotiation/brackets.js';
import { openCollabClient, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';
import { XSS_PAYLOADS } from '../../helpers/xssPayloads.js';
import { byTag, elements, textOf } from '../../unit/export/htmlTree.js';
import { docxHtml, pdfPages, validateAkn, xpath } from '../../unit/export/readers.js';
import { download, downloadTwiceIdentical, markdownNodes, markdownText, until } from './exportHelpers.js';

const el = (name: string) => `*[local-name()='${name}']`;
const neg = (name: string) => `*[local-name()='${name}' and namespace-uri()='urn:codeofconduct:negotiation:1']`;
/** Markup as a reservation's text: every export must show it as text. */
const RESERVATION = `${XSS_PAYLOADS[7]!} [link](javascript:alert(1))`;
const NOTE = 'Pending confirmation by capitals';

/** The first paragraph's text of a clause in a document. */
function firstText(doc: Y.Doc, clauseId: string): Y.XmlText | undefined {
  const clause = readOrderedClauses(doc).find((c) => c.id === clauseId)!;
  return (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText | undefined;
}

describe('exporting a version of a draft in negotiation over HTTP', () => {
  let server: TestServer;
  let draftId: string;
  let reviewer: ApiClient;
  let versionId: string;
  /** OP1, whose words the US delegate bracketed, with a status and positions; OP2 and its two alternatives. */
  let ids: { op1: string; op2: string; alternative: string; noText: string };
  let bracketed: string;
  const exportOf = (format: string) =>
    download(server, reviewer.cookie, `/api/drafts/${draftId}/versions/${versionId}/export?format=${format}`);

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    const api = (email: string) => new ApiClient(server.url).signIn(email, TEST_PASSWORD);
    const [secretariat, us, no] = [await api('secretariat@example.org'), await api('us@example.org'), await api('no@example.org')];
    reviewer = await api('reviewer@example.org');
    const usId = ((await us.get('/api/me')).body as { delegation: { id: string } }).delegation.id;
    const noId = ((await no.get('/api/me')).body as { delegation: { id: string } }).delegation.id;

    const editor = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const [op1, op2] = readOrderedClauses(editor.doc)
      .filter((c) => c.kind === 'operative')
      .map((c) => c.id);
    const text = firstText(editor.doc, op1!)!;
    bracketed = text.toString().slice(0, 20).trim();
    text.format(0, bracketed.length, { [BRACKET_MARK]: { delegation: usId } });
    const alternative = addOption(editor.doc, op2!)!;
    const paragraph = readOrderedClauses(editor.doc)
      .find((c) => c.id === alternative)!
      .body.get(0) as Y.XmlElement;
    paragraph.insert(0, [new Y.XmlText('An alternative wording.')]);
    const noText = addOption(editor.doc, op2!, { noText: true })!;
    ids = { op1: op1!, op2: op2!, alternative, noText };
    await until(
      () =>
        server.rooms.read(draftId, (doc) => {
          const clauses = readOrderedClauses(doc);
          const first = clauses.find((c) => c.id === op1);
          return (
            readBracketRuns(first!.body).length === 1 &&
            clauses.some((c) => c.id === noText) &&
            firstText(doc, alternative)?.toString() === 'An alternative wording.'
          );
        }),
      'the server has the bracket and the options',
    );

    expect(
      (
        await secretariat.request('PUT', `/api/drafts/${draftId}/clauses/${op1}/status`, {
          status: 'agreed-ad-ref',
          note: NOTE,
          confirm: true,
        })
      ).status,
    ).toBe(200);
    expect(
      (await no.request('PUT', `/api/drafts/${draftId}/clauses/${op1}/positions/${noId}`, { position: 'reservation', text: RESERVATION }))
        .status,
    ).toBe(200);
    expect((await us.request('PUT', `/api/drafts/${draftId}/clauses/${op1}/positions/${usId}`, { position: 'supports' })).status).toBe(200);
    const saved = await us.post(`/api/drafts/${draftId}/versions`, { label: 'In negotiation' });
    expect(saved.status).toBe(201);
    versionId = saved.body.id;
    editor.destroy();
  });

  it('serves the JSON export as DraftText 2 with the bracket’s delegation, the options, the status and the positions', async () => {
    const file = await downloadTwiceIdentical(server, reviewer.cookie!, `/api/drafts/${draftId}/versions/${versionId}/export?format=json`);
    const text = DraftText.parse(JSON.parse(file.text()));
    const byId = (id: string) => text.clauses.find((c) => c.id === id)!;
    const op1 = byId(ids.op1);
    const first = op1.blocks[0]!;
    expect(first.type === 'paragraph' && first.content[0]).toMatchObject({
      text: bracketed,
      marks: [{ type: 'bracket', delegation: 'United States' }],
    });
    expect(op1.status).toMatchObject({ status: 'agreed-ad-ref', note: NOTE });
    expect(op1.positions.map((p) => [p.delegation, p.position, p.text])).toEqual([
      ['Norway', 'reservation', RESERVATION],
      ['United States', 'supports', null],
    ]);
    expect(byId(ids.alternative)).toMatchObject({ alternativeTo: ids.op2, option: { index: 2, count: 3 }, number: 'OP2alt' });
    expect(byId(ids.noText)).toMatchObject({ alternativeTo: ids.op2, option: { index: 3, count: 3 }, noText: true, number: 'OP2alt2' });
  });

  it('prints the bracket with its delegation, the options, the status and the positions in Markdown, inertly', async () => {
    const md = (await exportOf('md')).text();
    const all = markdownNodes(md);
    const paragraphs = all.filter((n) => n.type === 'paragraph').map(markdownText);
    expect(paragraphs.some((p) => p.startsWith(`[${bracketed}] (United States)`))).toBe(true);
    expect(paragraphs).toEqual(expect.arrayContaining(['Option 1', 'Option 2', 'Option 3', 'No text', `Status: Agreed ad ref — ${NOTE}`]));
    expect(paragraphs).toContain(`Positions: Norway — reservation: “${RESERVATION}”; United States — supports`);
    expect(all.filter((n) => ['html_inline', 'html_block', 'link'].includes(n.type))).toEqual([]);
  });

  it('prints them in HTML, with no element from the reservation', async () => {
    const html = (await exportOf('html')).text();
    expect(
      byTag(html, 'span')
        .filter((s) => s.attrs.some((a) => a.name === 'class' && a.value === 'bracket'))
        .map(textOf),
    ).toEqual([`[${bracketed}]`]);
    expect(byTag(html, 'sup').map(textOf)).toEqual(['United States']);
    expect(byTag(html, 'p').map(textOf)).toEqual(
      expect.arrayContaining(['Option 2', 'Option 3', 'No text', `Status: Agreed ad ref — ${NOTE}`]),
    );
    expect(elements(html).filter((e) => ['img', 'script', 'a'].includes(e.tagName))).toEqual([]);
  });

  it('prints them in Word and PDF', async () => {
    const docx = await docxHtml((await exportOf('docx')).bytes);
    expect(byTag(docx, 'sup').map(textOf)).toEqual(['United States']);
    expect(byTag(docx, 'p').map(textOf)).toEqual(
      expect.arrayContaining(['Option 3', `Positions: Norway — reservation: “${RESERVATION}”; United States — supports`]),
    );
    const pdf = (await pdfPages((await exportOf('pdf')).bytes)).join('\n').replace(/\s+/g, ' ');
    expect(pdf).toContain(`[${bracketed}]`);
    expect(pdf).toContain('Option 3 No text');
    expect(pdf).toContain(`Status: Agreed ad ref — ${NOTE}`);
  });

  it('gives Akoma Ntoso that validates, with alternativeTo on the alternatives and status and positions in its metadata', async () => {
    const xml = (await exportOf('akn')).text();
    const result = validateAkn(xml);
    expect(result.messages).toContain('validates');
    const first = xpath(xml, `string(//${el('paragraph')}[${el('num')}='OP2']/@eId)`);
    expect(first).toMatch(/para_/);
    expect(xpath(xml, `string(//${el('paragraph')}[${el('num')}='OP2alt']/@alternativeTo)`)).toBe(`#${first}`);
    expect(xpath(xml, `string(//${el('paragraph')}[${el('num')}='OP2alt2']/@alternativeTo)`)).toBe(`#${first}`);
    expect(xpath(xml, `string(//${el('inline')}[@name='bracket'])`)).toBe(bracketed);
    const tlc = xpath(xml, `string(//${el('inline')}[@name='bracket']/@refersTo)`).slice(1);
    expect(xpath(xml, `string(//${el('TLCOrganization')}[@eId='${tlc}']/@showAs)`)).toBe('United States');
    const clause = `//${neg('clause')}[@clauseId='${ids.op1}']`;
    expect(xpath(xml, `string(${clause}/${neg('status')}/@value)`)).toBe('agreed-ad-ref');
    expect(xpath(xml, `string(${clause}/${neg('position')}[@value='reservation'])`)).toBe(RESERVATION);
    expect(xpath(xml, `count(//*[local-name()='img' or local-name()='script'])`)).toBe('0');
  });
});
