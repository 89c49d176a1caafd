import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT } from '../../server/config.js';
import { launchBrowser } from '../helpers/browser.js';
import { waitForDraftText } from '../helpers/draftPage.js';
import { layoutProblems, SCREEN_SIZES } from '../helpers/layoutProblems.js';
import { startShowcaseWorkspace, type ShowcaseWorkspace } from '../helpers/showcaseWorkspace.js';
import { TEST_PASSWORD } from '../helpers/testServer.js';

/** Where the screenshots go, one per page and size, for a person to look at (.ci/run prints the path). */
export const LAYOUT_SHOTS = path.join(PROJECT_ROOT, 'test-results', 'layout');

interface Visit {
  name: string;
  /** Signed in as the secretariat (sees every page), or not at all. */
  signedIn: boolean;
  /** Goes to the page and brings it to the state to check. */
  open(page: Page, w: ShowcaseWorkspace): Promise<void>;
}

const VISITS: Visit[] = [
  {
    name: 'sign-in',
    signedIn: false,
    open: (page) => page.goto('/sign-in').then(() => page.getByRole('button', { name: 'Sign in' }).waitFor()),
  },
  {
    name: 'invitation',
    signedIn: false,
    open: (page, w) => page.goto(`/invitation/${w.invitationToken}`).then(() => page.getByLabel('New password', { exact: true }).waitFor()),
  },
  { name: 'drafts', signedIn: true, open: (page) => page.goto('/drafts').then(() => page.locator('.draft-row, table').first().waitFor()) },
  { name: 'members', signedIn: true, open: (page) => page.goto('/members').then(() => page.getByRole('table').first().waitFor()) },
  {
    name: 'draft',
    signedIn: true,
    open: async (page, w) => {
      await page.goto(`/drafts/${w.draftId}`);
      await waitForDraftText(page);
    },
  },
  {
    name: 'draft-comments',
    signedIn: true,
    open: async (page, w) => {
      await page.goto(`/drafts/${w.draftId}`);
      await waitForDraftText(page);
      await page.locator('.comments-toggle').click();
      await page.getByRole('complementary', { name: 'Comments' }).waitFor();
    },
  },
  {
    name: 'history',
    signedIn: true,
    open: (page, w) => page.goto(`/drafts/${w.draftId}/history`).then(() => page.locator('.version-item').first().waitFor()),
  },
  {
    name: 'version',
    signedIn: true,
    open: (page, w) => page.goto(`/drafts/${w.draftId}/versions/${w.revisionId}`).then(() => page.locator('.clause').first().waitFor()),
  },
  {
    name: 'compare',
    signedIn: true,
    open: (page, w) =>
      page
        .goto(`/drafts/${w.draftId}/compare?from=${w.revisionId}&to=${w.versionId}`)
        .then(() => page.locator('.compared-clause').first().waitFor()),
  },
  {
    name: 'positions',
    signedIn: true,
    open: (page, w) => page.goto(`/drafts/${w.draftId}/positions`).then(() => page.getByRole('table').first().waitFor()),
  },
  {
    name: 'audit',
    signedIn: true,
    open: (page, w) => page.goto(`/drafts/${w.draftId}/audit`).then(() => page.getByRole('table').first().waitFor()),
  },
];

let workspace: ShowcaseWorkspace;
let browser: Browser;
let signedIn: BrowserContext;
let anonymous: BrowserContext;

beforeAll(async () => {
  workspace = await startShowcaseWorkspace();
  browser = await launchBrowser();
  await mkdir(LAYOUT_SHOTS, { recursive: true });
  const options = { baseURL: workspace.server.url, locale: 'en-GB' };
  anonymous = await browser.newContext(options);
  signedIn = await browser.newContext(options);
  const page = await signedIn.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('secretariat@example.org');
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/drafts$/);
  await page.close();
}, 120_000);

afterAll(() => console.info(`[layout] screenshots of every page at every size: ${LAYOUT_SHOTS}`));

describe('every page at every common screen size, on the production build', () => {
  for (const visit of VISITS) {
    it(`lays out ${visit.name} without sideways scrolling, overlapping regions or text, with toolbars and dialogs on screen`, async () => {
      const context = visit.signedIn ? signedIn : anonymous;
      const page = await context.newPage();
      page.setDefaultTimeout(15_000);
      const found: string[] = [];
      try {
        for (const size of SCREEN_SIZES) {
          await page.setViewportSize(size);
          await visit.open(page, workspace);
          // Cards far from the viewport skip rendering (content-visibility: auto); render everything so it is all checked and shot.
          await page.addStyleTag({ content: '* { content-visibility: visible !important; }' });
          await page.evaluate(() => document.fonts.ready);
          await page.screenshot({ path: path.join(LAYOUT_SHOTS, `${visit.name}-${size.width}x${size.height}.png`), fullPage: true });
          for (const problem of await layoutProblems(page)) found.push(`${size.width}x${size.height}: ${problem}`);
        }
      } finally {
        await page.close();
      }
      expect(found).toEqual([]);
    }, 120_000);
  }
});
