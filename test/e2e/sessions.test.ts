import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from '../helpers/axe.js';
import { launchBrowser, newBrowserSession } from '../helpers/browser.js';
import { starterDraftId } from '../helpers/collabClient.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const FIREFOX_WINDOWS = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0';

let server: TestServer;
let browser: Browser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
});

async function signIn(page: Page, email: string, next: string): Promise<void> {
  await page.goto(next);
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname === next);
}

describe('your sessions in the browser', () => {
  it('lists this browser and the other one, and signs the other out: its open draft says the session ended', async () => {
    const draftId = await starterDraftId(server);
    // The other browser: another machine with another browser, with the draft open.
    const otherContext = await browser.newContext({ baseURL: server.url, userAgent: FIREFOX_WINDOWS, locale: 'en-GB' });
    otherContext.setDefaultTimeout(10_000);
    const other = await otherContext.newPage();
    await signIn(other, 'no@example.org', `/drafts/${draftId}`);
    await other
      .getByRole('textbox', { name: /^Heading of / })
      .first()
      .waitFor();

    const { page } = await newBrowserSession(browser, server.url);
    await signIn(page, 'no@example.org', '/drafts');
    await page.getByRole('link', { name: 'Your sessions' }).click();
    await page.waitForURL(/\/sessions$/);
    await page.getByRole('heading', { level: 1, name: 'Your sessions' }).waitFor();

    const rows = page.locator('.sessions-table tbody tr');
    await expect.poll(() => rows.count()).toBe(2);
    const thisRow = page.getByRole('row', { name: /This browser/ });
    expect(await thisRow.textContent()).toContain('Headless Chrome on Linux');
    expect(await thisRow.getByRole('button').count()).toBe(0);
    const otherRow = page.getByRole('row', { name: /Firefox on Windows/ });
    expect(await otherRow.textContent()).not.toContain('This browser');
    expect(await axeViolations(page)).toEqual([]);

    await otherRow.getByRole('button', { name: /^Sign out the session in Firefox on Windows/ }).click();
    await page.getByText(/^The session in Firefox on Windows from .* has been signed out\.$/).waitFor();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await page.getByRole('button', { name: 'Sign out everywhere else' }).count()).toBe(0);

    // The other browser is told at once, on the page it had open, and is signed out for good.
    const alert = other.getByRole('alert').filter({ hasText: 'Your session has ended' });
    await alert.waitFor();
    await other.goto('/drafts');
    await other.waitForURL(/\/sign-in\?next=%2Fdrafts$/);
    // This browser is still signed in.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Your sessions' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/sessions');
  });

  it('signs out everywhere else, and shows the secretariat the sign-ins in the security log', async () => {
    const contexts = await Promise.all([0, 1].map(() => browser.newContext({ baseURL: server.url, userAgent: FIREFOX_WINDOWS })));
    const others = await Promise.all(contexts.map((c) => c.newPage()));
    for (const other of others) await signIn(other, 'secretariat@example.org', '/drafts');

    const { page } = await newBrowserSession(browser, server.url);
    await signIn(page, 'secretariat@example.org', '/sessions');
    // The two browsers above, this one, and the API sign-in the first test made to find the draft.
    await expect.poll(() => page.locator('.sessions-table tbody tr').count()).toBe(4);
    await page.getByRole('button', { name: 'Sign out everywhere else' }).click();
    await page.getByText('3 other sessions have been signed out.').waitFor();
    await expect.poll(() => page.locator('.sessions-table tbody tr').count()).toBe(1);
    for (const other of others) {
      await other.goto('/drafts');
      await other.waitForURL(/\/sign-in/);
    }

    await page.getByRole('link', { name: 'Security log' }).click();
    await page.getByRole('heading', { level: 1, name: 'Security log' }).waitFor();
    await page.getByRole('row', { name: /Signed out everywhere else/ }).waitFor();
    expect(await page.getByRole('row', { name: /Helena Brandt.*Signed in/ }).count()).toBeGreaterThanOrEqual(3);
    await page.getByLabel('Show').selectOption({ label: 'Signed out everywhere else' });
    await expect.poll(() => page.locator('.security-table tbody tr').count()).toBe(1);
    expect(await axeViolations(page)).toEqual([]);
  });
});
