import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftText } from '../../shared/export/DraftText.js';
import { EXPORT_FORMATS, REDLINE_FORMATS } from '../../shared/export/exportFormats.js';
import { launchBrowser, newBrowserSession } from '../helpers/browser.js';
import { clauseCommentBadge, commentsPanel } from '../helpers/commentsPage.js';
import { signInThroughForm, waitForDraftText } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { seedHostileWorkspace, type HostileWorkspace } from '../helpers/hostileWorkspace.js';
import { reportFigure } from '../helpers/reportFigure.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';
import { XSS_PAYLOADS } from '../helpers/xssPayloads.js';
import { armXssTraps, readXssTraces, scrollThrough, type XssTraces } from '../helpers/xssTraps.js';
import { markdownNodes } from '../integration/export/exportHelpers.js';
import { attr, byTag, elements, textOf } from '../unit/export/htmlTree.js';
import { docxHtml, docxParts, docxText, pdfLinks, validateAkn } from '../unit/export/readers.js';

const WAIT = { timeout: 15_000 };

let server: TestServer;
let browser: Browser;
let workspace: HostileWorkspace;
let secretariat: { page: Page; dialogs: string[] };
let delegate: { page: Page; dialogs: string[] };
/** What each visited page showed of injected script, by page name. */
const traces = new Map<string, XssTraces>();

async function session(email: string): Promise<{ page: Page; dialogs: string[] }> {
  const { context, page } = await newBrowserSession(browser, server.url);
  context.setDefaultTimeout(WAIT.timeout);
  const { dialogs } = await armXssTraps(context);
  await signInThroughForm(page, email);
  return { page, dialogs };
}

/** Payloads (of `among`) missing from the page's text: each must be shown, literally, as text. */
async function missingText(page: Page, among: readonly string[]): Promise<string[]> {
  const text = await page.evaluate(() => {
    const values = [...document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>('input, textarea')].map((field) => field.value);
    return `${document.body.textContent ?? ''}\n${values.join('\n')}`;
  });
  return among.filter((payload) => !text.includes(payload));
}

async function record(name: string, who: { page: Page; dialogs: string[] }): Promise<void> {
  // Give whatever loads or fires late (image errors, autofocus, meta refresh, animations) time to do so.
  await who.page.waitForTimeout(300);
  traces.set(name, await readXssTraces(who.page, who.dialogs));
}

beforeAll(async () => {
  server = await startTestServer();
  workspace = await seedHostileWorkspace(server);
  browser = await launchBrowser();
  [secretariat, delegate] = await Promise.all([session('secretariat@example.org'), session('us@example.org')]);
}, 120_000);

afterAll(() => workspace?.hostileEditor.destroy());

describe(`${XSS_PAYLOADS.length} script-injection payloads in every place a user can type, rendered in Chromium`, () => {
  it('were accepted as text everywhere (so the renderers, not validation, are what is tested)', () => {
    reportFigure('content safety: payloads accepted per place', JSON.stringify(workspace.accepted));
    for (const [place, accepted] of Object.entries(workspace.accepted)) {
      if (place !== 'clause headings and text') expect(accepted, place).toBe(XSS_PAYLOADS.length - (place === 'version labels' ? 1 : 0));
    }
  });

  it('shows draft titles as text on the drafts list', async () => {
    const { page } = secretariat;
    await page.goto('/drafts');
    await expect.poll(() => page.locator('table tbody tr').count(), WAIT).toBeGreaterThanOrEqual(XSS_PAYLOADS.length + 2);
    expect(await missingText(page, XSS_PAYLOADS)).toEqual([]);
    await record('drafts list', secretariat);
  });

  it('shows member and delegation names as text on the members page', async () => {
    const { page } = secretariat;
    await page.goto('/members');
    await expect.poll(() => missingText(page, XSS_PAYLOADS), WAIT).toEqual([]);
    await record('members page', secretariat);
  });

  it('shows clause headings and text, raw structures, and a payload-named member’s presence as text on the draft page', async () => {
    const { page } = delegate;
    await page.goto(`/drafts/${workspace.draftId}`);
    await waitForDraftText(page);
    await scrollThrough(page);
    await expect.poll(() => missingText(page, XSS_PAYLOADS), WAIT).toEqual([]);
    await expect.poll(() => page.locator('.presence-list .avatar').count(), WAIT).toBeGreaterThanOrEqual(2);
    await record('draft page', delegate);
  });

  it('shows every comment, reply, anchored quote and author as text in the comments panel and the overview', async () => {
    const { page } = delegate;
    await page.evaluate(() => window.scrollTo(0, 0));
    await clauseCommentBadge(page, 'OP1').click();
    const panel = commentsPanel(page);
    await expect.poll(() => panel.locator('.comment-text').count(), WAIT).toBe(XSS_PAYLOADS.length);
    expect(await missingText(page, XSS_PAYLOADS)).toEqual([]);
    await panel.locator('.comment-text').evaluateAll((bodies) => {
      for (const body of bodies)
        for (const type of ['mouseover', 'click', 'focus']) body.dispatchEvent(new MouseEvent(type, { bubbles: true }));
    });
    await record('comments panel', delegate);
    await panel.getByRole('button', { name: 'All comments in the draft' }).click();
    await expect.poll(() => panel.locator('.overview-thread').count(), WAIT).toBeGreaterThan(10);
    await record('comments overview', delegate);
  });

  it('shows status notes as text in a clause’s status history', async () => {
    const { page } = delegate;
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.getByRole('button', { name: /^Status of OP1: .*Show the history$/ }).click();
    await expect.poll(() => missingText(page, XSS_PAYLOADS), WAIT).toEqual([]);
    await record('status history', delegate);
    await page.keyboard.press('Escape');
  });

  it('shows reservation texts and delegation names as text in the positions matrix', async () => {
    const { page } = delegate;
    await page.goto(`/drafts/${workspace.draftId}/positions`);
    await expect.poll(() => page.locator('.reservation-item').count(), WAIT).toBe(XSS_PAYLOADS.length);
    expect(await missingText(page, XSS_PAYLOADS)).toEqual([]);
    await page.locator('.positions-matrix button').evaluateAll((buttons) => {
      for (const button of buttons.slice(0, 20))
        for (const type of ['mouseover', 'focus', 'click']) button.dispatchEvent(new MouseEvent(type, { bubbles: true }));
    });
    await record('positions matrix', delegate);
  });

  it('shows the negotiation audit log as text', async () => {
    const { page } = secretariat;
    await page.goto(`/drafts/${workspace.draftId}/audit`);
    // The log comes a page at a time (the newest 100 entries); older ones load on request.
    await expect
      .poll(() => page.locator('.audit-table tbody tr').count(), WAIT)
      .toBeGreaterThanOrEqual(Math.min(100, 2 * XSS_PAYLOADS.length));
    const rows = () => page.locator('.audit-table tbody tr').count();
    for (let shown = await rows(); shown < 2 * XSS_PAYLOADS.length; shown = await rows()) {
      await page.getByRole('button', { name: 'Load older entries' }).click();
      await expect.poll(rows, WAIT).toBeGreaterThan(shown);
    }
    await expect.poll(() => page.locator('.audit-table tbody tr').count(), WAIT).toBeGreaterThanOrEqual(2 * XSS_PAYLOADS.length);
    await record('audit log', secretariat);
  });

  it('shows version labels as text on the history page', async () => {
    const { page } = delegate;
    await page.goto(`/drafts/${workspace.draftId}/history`);
    await expect.poll(() => page.locator('.version-item').count(), WAIT).toBeGreaterThanOrEqual(XSS_PAYLOADS.length + 1);
    expect(await missingText(page, XSS_PAYLOADS)).toEqual([]);
    await record('history page', delegate);
  });

  it('shows the hostile version read-only as text', async () => {
    const { page } = delegate;
    await page.goto(`/drafts/${workspace.draftId}/versions/${workspace.hostileVersionId}`);
    await expect.poll(() => missingText(page, XSS_PAYLOADS), WAIT).toEqual([]);
    await scrollThrough(page);
    await record('version view', delegate);
  });

  it('shows the comparison of the clean and the hostile version as text', async () => {
    const { page } = delegate;
    await page.goto(`/drafts/${workspace.draftId}/compare?from=${workspace.cleanVersionId}&to=${workspace.hostileVersionId}`);
    await expect.poll(() => page.locator('.compared-clause').count(), WAIT).toBeGreaterThanOrEqual(XSS_PAYLOADS.length);
    await scrollThrough(page);
    expect(await missingText(page, XSS_PAYLOADS)).toEqual([]);
    await record('compare view', delegate);
  });

  it('ran nothing on any page: no payload flag, no dialog, no element or attribute made from a payload', () => {
    const summary = Object.fromEntries([...traces].map(([name, t]) => [name, { ran: t.ran, dialogs: t.dialogs, injected: t.injected }]));
    const violations = [...traces.values()].reduce((n, t) => n + t.cspViolations.length, 0);
    reportFigure(
      'content safety in the browser',
      `${XSS_PAYLOADS.length} payloads x ${Object.keys(workspace.accepted).length} kinds of place, ${traces.size} pages: 0 ran, 0 dialogs, 0 injected elements (CSP violation reports: ${violations})`,
    );
    expect(traces.size).toBeGreaterThanOrEqual(8);
    for (const [name, t] of Object.entries(summary)) expect(t, name).toEqual({ ran: [], dialogs: [], injected: [] });
  });
});

/** Link targets an export may carry: none of the payloads' or raw structures' targets is one. */
const SAFE_HREF = /^(https?:|mailto:)/i;
const SCRIPT_URL = /(javascript|vbscript):|data:text/i;

describe('the same payloads in every export of the hostile version', () => {
  const files = new Map<string, Uint8Array>();
  let cookie: string;
  const text = (name: string) => new TextDecoder().decode(files.get(name));

  beforeAll(async () => {
    cookie = (await new ApiClient(server.url).signIn('reviewer@example.org', TEST_PASSWORD)).cookie!;
    const paths = [
      ...EXPORT_FORMATS.map(
        (f) => [f, `/api/drafts/${workspace.draftId}/versions/${workspace.hostileVersionId}/export?format=${f}`] as const,
      ),
      ...REDLINE_FORMATS.map(
        (f) =>
          [
            `redline.${f}`,
            `/api/drafts/${workspace.draftId}/compare/export?from=${workspace.cleanVersionId}&to=${workspace.hostileVersionId}&format=${f}`,
          ] as const,
      ),
    ];
    for (const [name, url] of paths) {
      const res = await fetch(server.url + url, { headers: { cookie } });
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-disposition'), name).toMatch(/^attachment; /);
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), name).toMatch(/sandbox/);
      files.set(name, new Uint8Array(await res.arrayBuffer()));
    }
  }, 60_000);

  it('renders HTML (clean and redline) with no script, frame, image, object or handler, only safe links, every payload as text', () => {
    for (const name of ['html', 'redline.html']) {
      const html = text(name);
      const all = elements(html);
      expect(
        all
          .filter((e) =>
            ['script', 'iframe', 'img', 'object', 'embed', 'svg', 'math', 'form', 'base', 'link', 'template'].includes(e.tagName),
          )
          .map((e) => e.tagName),
        name,
      ).toEqual([]);
      expect(
        all.flatMap((e) => e.attrs.filter((a) => a.name.startsWith('on') || a.name === 'src' || a.name === 'srcdoc')).map((a) => a.name),
        name,
      ).toEqual([]);
      expect(
        byTag(html, 'a')
          .map((a) => attr(a, 'href') ?? '')
          .filter((href) => !SAFE_HREF.test(href)),
        name,
      ).toEqual([]);
      const body = textOf(byTag(html, 'body')[0]!);
      expect(
        XSS_PAYLOADS.filter((p) => !body.includes(p)),
        `${name}: payloads not shown as text`,
      ).toEqual([]);
    }
  });

  it('opens both HTML files in Chromium from disk (no server CSP) without running anything', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'coc-xss-export-'));
    const { context, page } = await newBrowserSession(browser, server.url);
    const { dialogs } = await armXssTraps(context);
    for (const name of ['html', 'redline.html']) {
      const file = path.join(dir, `${name}.html`);
      await writeFile(file, files.get(name)!);
      await page.goto(`file://${file}`);
      await page.waitForTimeout(300);
      traces.set(`${name} export`, await readXssTraces(page, dialogs));
      expect(traces.get(`${name} export`), name).toMatchObject({ ran: [], dialogs: [], injected: [] });
    }
    await context.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('writes Markdown in which CommonMark finds no raw HTML and no unsafe link', () => {
    const nodes = markdownNodes(text('md'));
    expect(nodes.filter((n) => n.type === 'html_block' || n.type === 'html_inline').map((n) => n.literal)).toEqual([]);
    expect(
      nodes
        .filter((n) => n.type === 'link' || n.type === 'image')
        .map((n) => n.destination ?? '')
        .filter((d) => !SAFE_HREF.test(d)),
    ).toEqual([]);
  });

  it('writes Word files (clean and redline) whose only link targets are safe, and every payload as text', async () => {
    for (const name of ['docx', 'redline.docx']) {
      const parts = docxParts(files.get(name)!);
      const targets = Object.entries(parts)
        .filter(([part]) => part.endsWith('.rels'))
        .flatMap(([, xml]) =>
          [...xml.matchAll(/Target="([^"]*)"[^>]*TargetMode="External"|TargetMode="External"[^>]*Target="([^"]*)"/g)].map(
            (m) => m[1] ?? m[2] ?? '',
          ),
        );
      expect(
        targets.filter((t) => !SAFE_HREF.test(t)),
        name,
      ).toEqual([]);
      expect(
        byTag(await docxHtml(files.get(name)!), 'a')
          .map((a) => attr(a, 'href') ?? '')
          .filter((href) => !SAFE_HREF.test(href) && !href.startsWith('#')),
        name,
      ).toEqual([]);
    }
    const words = await docxText(files.get('docx')!);
    expect(XSS_PAYLOADS.filter((p) => !words.includes(p))).toEqual([]);
  });

  it('writes a PDF with no unsafe link, Akoma Ntoso that still validates, and JSON that is valid DraftText holding the payloads verbatim', async () => {
    expect((await pdfLinks(files.get('pdf')!)).filter((href) => !SAFE_HREF.test(href))).toEqual([]);
    const akn = validateAkn(text('akn'));
    expect(akn.valid, akn.messages).toBe(true);
    // Attribute values only: the payloads themselves are in the text, escaped.
    expect(
      [...text('akn').matchAll(/\shref="([^"]*)"/g)]
        .map((m) => m[1]!)
        .filter((href) => !SAFE_HREF.test(href) && !href.startsWith('/') && !href.startsWith('#')),
    ).toEqual([]);
    const draft = DraftText.parse(JSON.parse(text('json')));
    const json = JSON.stringify(draft);
    expect(XSS_PAYLOADS.filter((p) => !json.includes(JSON.stringify(p).slice(1, -1)))).toEqual([]);
    const hrefs = [...json.matchAll(/"type":"link","href":"([^"]*)"/g)].map((m) => m[1]!);
    expect(hrefs.filter((href) => SCRIPT_URL.test(href) || !SAFE_HREF.test(href))).toEqual([]);
    reportFigure(
      'content safety in exports',
      `${XSS_PAYLOADS.length} payloads and the raw structures: HTML, redline HTML (also opened in Chromium), Markdown, DOCX, redline DOCX, PDF, Akoma Ntoso (schema-valid), JSON: no script, handler or unsafe link`,
    );
  });
});
