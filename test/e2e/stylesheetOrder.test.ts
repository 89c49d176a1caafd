import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { openDraftAs } from '../helpers/draftPage.js';
import { starterDraftId } from '../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

let server: TestServer;
let browser: Browser;
let draftId: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  draftId = await starterDraftId(server);
}, 120_000);

/** The production build's stylesheets on the page, in the order the browser applies them. */
function stylesheetOrder(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.styleSheets].map((sheet) => (sheet.href ? new URL(sheet.href).pathname.replace(/^.*\//, '') : 'inline')),
  );
}

/** Moves every stylesheet of the page to the end of <head> in reverse order, and waits until all apply again. */
async function reverseStylesheets(page: Page): Promise<void> {
  const count = await page.evaluate(() => document.styleSheets.length);
  await page.evaluate(() => {
    const sheets = [...document.querySelectorAll('link[rel="stylesheet"], style')];
    for (const sheet of sheets.reverse()) document.head.append(sheet);
  });
  await expect.poll(() => page.evaluate(() => document.styleSheets.length)).toBe(count);
}

/** Where the three regions of the draft page are, and whether the page jumped. */
function regions(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const r = document.querySelector(selector)?.getBoundingClientRect();
      return r ? { left: Math.round(r.left), right: Math.round(r.right), top: Math.round(r.top), width: Math.round(r.width) } : null;
    };
    return {
      outline: box('nav[aria-label="Outline"]'),
      text: box('.clause-list'),
      comments: box('aside[aria-label="Comments"]'),
      scrollY: window.scrollY,
      pageWidth: document.documentElement.scrollWidth,
      viewport: window.innerWidth,
    };
  });
}

describe('the draft layout does not depend on the order of the stylesheets', () => {
  for (const [width, height] of [
    [1280, 800],
    [1366, 768],
    [1440, 900],
    [1920, 1080],
  ] as const) {
    it(`keeps outline, text and comments side by side at ${width}x${height} with the build's stylesheets reversed`, async () => {
      const page = await openDraftAs(browser, server.url, 'us@example.org', draftId);
      await page.setViewportSize({ width, height });
      await page.locator('.comments-toggle').click();
      await page.getByRole('complementary', { name: 'Comments' }).waitFor();
      await page.evaluate(() => window.scrollTo(0, 0));

      const before = await stylesheetOrder(page);
      // The draft page's own rules come in several files (the entry, the draft page, shared chunks):
      // with one file there would be no order to get wrong.
      expect(before.filter((name) => name !== 'inline').length).toBeGreaterThanOrEqual(3);
      const expected = await regions(page);
      await reverseStylesheets(page);
      const after = await stylesheetOrder(page);
      expect(after).toEqual([...before].reverse());

      const seen = await regions(page);
      expect(seen).toEqual(expected);
      // And the layout is the three columns, not the panel dropped under or over the outline.
      const { outline, text, comments } = seen;
      expect(outline && text && comments).toBeTruthy();
      expect(outline!.right).toBeLessThanOrEqual(text!.left);
      expect(text!.right).toBeLessThanOrEqual(comments!.left);
      expect(comments!.right).toBeLessThanOrEqual(width);
      expect(comments!.top).toBeLessThan(height);
      expect(seen.scrollY).toBe(0);
      expect(seen.pageWidth).toBe(width);
      await page.context().close();
    }, 60_000);
  }
});
