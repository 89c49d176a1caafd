import type { Browser } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { openDraftAs } from '../helpers/draftPage.js';
import { LONG, startShowcaseWorkspace, type ShowcaseWorkspace } from '../helpers/showcaseWorkspace.js';
import { pdfPages } from '../unit/export/readers.js';

let workspace: ShowcaseWorkspace;
let browser: Browser;

beforeAll(async () => {
  workspace = await startShowcaseWorkspace();
  browser = await launchBrowser();
}, 120_000);

describe('printing the draft page', () => {
  it('prints only the text: title, numbers, headings, clauses, brackets with their delegation, option labels and statuses', async () => {
    const page = await openDraftAs(browser, workspace.server.url, 'us@example.org', workspace.draftId);
    await page.locator('.comments-toggle').click();
    await page.getByRole('complementary', { name: 'Comments' }).waitFor();
    const pdf = await page.pdf({ format: 'A4', printBackground: false });
    const text = (await pdfPages(pdf)).join('\n').replace(/\s+/g, ' ');
    // Compared without case: labels are set in capitals by the stylesheet.
    const printed = text.toLowerCase();
    for (const expected of [
      LONG.title.slice(0, 60),
      'PP1',
      'OP1',
      'Human rights in licence reviews',
      'Recognising that goods and technologies',
      'United States',
      'Option 1 of 2',
      'Agreed ad ref',
      'Further commitment 6',
    ]) {
      expect(printed, expected).toContain(expected.toLowerCase());
    }
    for (const absent of [
      'Save version',
      'Outline',
      'All changes saved',
      'All comments in this draft',
      'Set status',
      'Sign out',
      'Delete',
      'Add…',
    ]) {
      expect(printed, absent).not.toContain(absent.toLowerCase());
    }
    await page.emulateMedia({ media: 'print' });
    expect(
      await page
        .locator('.clause')
        .first()
        .evaluate((clause) => getComputedStyle(clause).breakInside),
    ).toBe('avoid');
    expect(await page.getByRole('navigation', { name: 'Outline' }).isVisible()).toBe(false);
    await page.context().close();
  }, 60_000);
});
