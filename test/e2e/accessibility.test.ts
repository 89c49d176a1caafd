import type { Browser, BrowserContext, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { openDraftAs, waitForDraftText } from '../helpers/draftPage.js';
import { startShowcaseWorkspace, type ShowcaseWorkspace } from '../helpers/showcaseWorkspace.js';
import { TEST_PASSWORD } from '../helpers/testServer.js';

let workspace: ShowcaseWorkspace;
let browser: Browser;
let signedIn: BrowserContext;
let anonymous: BrowserContext;

beforeAll(async () => {
  workspace = await startShowcaseWorkspace();
  browser = await launchBrowser();
  const options = { baseURL: workspace.server.url, locale: 'en-GB', viewport: { width: 1366, height: 768 } };
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

/** Opens a page in `context`, brings it to a state, and returns the WCAG 2.2 AA violations axe-core finds. */
async function check(context: BrowserContext, open: (page: Page) => Promise<void>): Promise<string[]> {
  const page = await context.newPage();
  page.setDefaultTimeout(15_000);
  try {
    await open(page);
    return await axeViolations(page);
  } finally {
    await page.close();
  }
}

const draftUrl = () => `/drafts/${workspace.draftId}`;

describe('WCAG 2.2 AA (axe-core) on every page and its states', () => {
  it.each([
    ['sign-in', false, (page: Page) => page.goto('/sign-in').then(() => page.getByRole('button', { name: 'Sign in' }).waitFor())],
    [
      'invitation',
      false,
      (page: Page) =>
        page.goto(`/invitation/${workspace.invitationToken}`).then(() => page.getByLabel('New password', { exact: true }).waitFor()),
    ],
    ['drafts', true, (page: Page) => page.goto('/drafts').then(() => page.getByRole('table').first().waitFor())],
    ['members', true, (page: Page) => page.goto('/members').then(() => page.getByRole('table').first().waitFor())],
    ['draft', true, (page: Page) => page.goto(draftUrl()).then(() => waitForDraftText(page))],
    [
      'draft with the comments panel open',
      true,
      async (page: Page) => {
        await page.goto(draftUrl());
        await waitForDraftText(page);
        await page.locator('.comments-toggle').click();
        await page.getByRole('complementary', { name: 'Comments' }).waitFor();
      },
    ],
    [
      'draft with a dialog open',
      true,
      async (page: Page) => {
        await page.goto(draftUrl());
        await waitForDraftText(page);
        await page
          .getByRole('button', { name: /Save version/ })
          .first()
          .click();
        await page.getByRole('dialog').waitFor();
      },
    ],
    [
      'draft with the More menu open',
      true,
      async (page: Page) => {
        await page.goto(draftUrl());
        await waitForDraftText(page);
        await page.getByRole('button', { name: /^More/ }).click();
        await page.getByRole('link', { name: 'Positions of the delegations' }).waitFor();
      },
    ],
    [
      'draft with Find open on a match far down (floating)',
      true,
      async (page: Page) => {
        await page.goto(draftUrl());
        await waitForDraftText(page);
        await page.getByRole('button', { name: 'Find in this draft' }).click();
        await page.getByRole('searchbox', { name: 'Find', exact: true }).fill('Further commitment 6');
        await page.locator('.find-in-draft-floating').waitFor();
      },
    ],
    [
      'draft with the keyboard shortcuts sheet open',
      true,
      async (page: Page) => {
        await page.goto(draftUrl());
        await waitForDraftText(page);
        await page.keyboard.press('?');
        await page.getByRole('dialog', { name: /shortcuts/i }).waitFor();
      },
    ],
    ['history', true, (page: Page) => page.goto(`${draftUrl()}/history`).then(() => page.locator('.version-item').first().waitFor())],
    [
      'version',
      true,
      (page: Page) => page.goto(`${draftUrl()}/versions/${workspace.revisionId}`).then(() => page.locator('.clause').first().waitFor()),
    ],
    [
      'compare',
      true,
      (page: Page) =>
        page
          .goto(`${draftUrl()}/compare?from=${workspace.revisionId}&to=${workspace.versionId}`)
          .then(() => page.locator('.compared-clause').first().waitFor()),
    ],
    ['positions', true, (page: Page) => page.goto(`${draftUrl()}/positions`).then(() => page.getByRole('table').first().waitFor())],
    ['audit', true, (page: Page) => page.goto(`${draftUrl()}/audit`).then(() => page.getByRole('table').first().waitFor())],
  ] as const)(
    '%s has no violations',
    async (_name, signedInPage, open) => {
      expect(await check(signedInPage ? signedIn : anonymous, open)).toEqual([]);
    },
    60_000,
  );

  it('draft with two members present, so another member’s caret is in the text, has no violations', async () => {
    const other = await openDraftAs(browser, workspace.server.url, 'us@example.org', workspace.draftId);
    await other.getByRole('textbox').filter({ hasText: 'Recognising' }).first().click();
    await other.keyboard.press('End');
    const violations = await check(signedIn, async (page) => {
      await page.goto(draftUrl());
      await waitForDraftText(page);
      await page.locator('.remote-caret, .collaboration-carets__caret').first().waitFor();
    });
    await other.close();
    expect(violations).toEqual([]);
  }, 60_000);
});
