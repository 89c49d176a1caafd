import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newBrowserSession } from '../helpers/browser.js';
import { starterDraftId } from '../helpers/collabClient.js';
import { signInThroughForm } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';

let server: TestServer;
let browser: Browser;
let draftId: string;
let page: Page;
/** Where downloads are saved; removed after the file. */
let downloads: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  downloads = await mkdtemp(path.join(os.tmpdir(), 'coc-downloads-'));
  afterAll(() => rm(downloads, { recursive: true, force: true }));
  draftId = await starterDraftId(server);
  // Rev.1 is made through the API: this file is about downloading, versions.test.ts drives publishing.
  const api = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  const saved = await api.post(`/api/drafts/${draftId}/versions`, { label: 'First reading' });
  expect(saved.status).toBe(201);
  expect((await api.post(`/api/drafts/${draftId}/versions/${saved.body.id}/publish`)).body.revision).toBe(1);

  ({ page } = await newBrowserSession(browser, server.url));
  await signInThroughForm(page, 'reviewer@example.org');
  await page.goto(`/drafts/${draftId}/history`);
});

/** Opens Rev.1's export menu on the history page, chooses `format` and resolves with the download it starts. */
async function downloadRev1(format: string): Promise<{ download: Download; bytes: Buffer }> {
  const card = page.getByRole('region', { name: 'Published revisions' }).locator('.revision-card').filter({ hasText: 'Rev.1' });
  await card.getByRole('button', { name: 'Export Rev.1' }).click();
  const menu = card.getByRole('list', { name: 'Export Rev.1 as' });
  await menu.waitFor();
  if (format === 'Word (DOCX)') await page.screenshot({ path: `${SHOTS}/versions-export-menu.png` });
  const [download] = await Promise.all([page.waitForEvent('download'), menu.getByRole('link', { name: format, exact: true }).click()]);
  const file = path.join(downloads, download.suggestedFilename());
  await download.saveAs(file);
  return { download, bytes: await readFile(file) };
}

describe('downloading a published revision from the export menu', () => {
  it('downloads Rev.1 as a Word document named after the draft and the revision', async () => {
    const { download, bytes } = await downloadRev1('Word (DOCX)');
    expect(download.suggestedFilename()).toMatch(/^code-of-conduct-[a-z0-9-]+-Rev\.1\.docx$/);
    // A DOCX is a zip package.
    expect(bytes.subarray(0, 2).toString('latin1')).toBe('PK');
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it('downloads Rev.1 as a PDF named after the draft and the revision', async () => {
    const { download, bytes } = await downloadRev1('PDF');
    expect(download.suggestedFilename()).toMatch(/^code-of-conduct-[a-z0-9-]+-Rev\.1\.pdf$/);
    expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(2000);
  });

  it('offers every export format in the menu, each as a download link', async () => {
    const card = page.getByRole('region', { name: 'Published revisions' }).locator('.revision-card').filter({ hasText: 'Rev.1' });
    await card.getByRole('button', { name: 'Export Rev.1' }).click();
    const links = card.getByRole('list', { name: 'Export Rev.1 as' }).getByRole('link');
    expect(await links.allTextContents()).toEqual(['Markdown', 'HTML', 'Word (DOCX)', 'PDF', 'Akoma Ntoso XML', 'JSON (DraftText)']);
    for (const link of await links.all()) {
      expect(await link.getAttribute('download')).toBe('');
      expect(await link.getAttribute('href')).toMatch(
        new RegExp(`^/api/drafts/${draftId}/versions/[\\w-]{16}/export\\?format=(md|html|docx|pdf|akn|json)$`),
      );
    }
    await page.keyboard.press('Escape');
    expect(await card.getByRole('list', { name: 'Export Rev.1 as' }).isVisible()).toBe(false);
  });

  it('downloads the redline of Rev.1 against the live draft as a Word document from the compare page', async () => {
    await page.getByRole('link', { name: 'Compare Rev.1 with live', exact: true }).click();
    await page.locator('.comparison').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Redline as Word (DOCX)' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    const file = path.join(downloads, `redline-${download.suggestedFilename()}`);
    await download.saveAs(file);
    expect((await readFile(file)).subarray(0, 2).toString('latin1')).toBe('PK');
  });
});
