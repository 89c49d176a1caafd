import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { axeViolations } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { starterDraftId } from '../helpers/collabClient.js';
import { clauseText, openDraftAs, readClauseText, readSaveStatus } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };
const NOTICE = 'This draft is archived. It can be read, exported and compared, but not changed.';

let server: TestServer;
let browser: Browser;
let draftId: string;
let secretariat: ApiClient;
let us: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  draftId = await starterDraftId(server);
  secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  us = await openDraftAs(browser, server.url, 'us@example.org', draftId);
});

/** Whether the clause's text takes typing, as the browser sees it. */
function isEditable(page: Page, number: string): Promise<boolean> {
  return clauseText(page, number).evaluate((element) => (element as HTMLElement).isContentEditable);
}

/** OP1's text as the server's live document has it. */
function op1OnServer(): Promise<string> {
  return server.rooms.read(draftId, (doc) => readParagraphs(readOrderedClauses(doc).find((c) => c.kind === 'operative')!.body).join('\n'));
}

async function setArchived(archived: boolean): Promise<void> {
  const res = await secretariat.patch(`/api/drafts/${draftId}`, { archived });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
}

/** Clicks at the end of OP1 and types, as a person would (whether or not the text takes it). */
async function typeAtEndOfOp1(page: Page, text: string): Promise<void> {
  await clauseText(page, 'OP1').click();
  await page.keyboard.press('Control+End');
  await page.keyboard.type(text);
}

describe('a draft archived while a delegate has it open', () => {
  it('turns the open page read-only at once and says why, with nothing left that would change the draft', async () => {
    await expect.poll(() => isEditable(us, 'OP1'), WAIT).toBe(true);
    await expect.poll(() => us.getByTestId('archived-note').count(), WAIT).toBe(0);
    await expect.poll(() => us.getByRole('button', { name: 'Save version…' }).count(), WAIT).toBe(1);
    const positionButtons = await us.getByRole('button', { name: /^Our position on / }).count();
    expect(positionButtons).toBeGreaterThan(0);
    expect(await us.getByRole('button', { name: /^Move .* (up|down)$/ }).count()).toBeGreaterThan(0);
    const before = await readClauseText(us, 'OP1');

    await setArchived(true);

    await expect.poll(() => us.getByTestId('archived-note').textContent(), WAIT).toContain(NOTICE);
    await expect.poll(() => isEditable(us, 'OP1'), WAIT).toBe(false);
    await expect
      .poll(
        () =>
          us
            .getByRole('textbox', { name: /^Heading of / })
            .first()
            .getAttribute('readonly'),
        WAIT,
      )
      .not.toBeNull();
    await expect.poll(() => us.getByRole('button', { name: 'Save version…' }).count(), WAIT).toBe(0);
    await expect.poll(() => us.getByRole('button', { name: /^Our position on / }).count(), WAIT).toBe(0);
    await expect.poll(() => us.getByRole('button', { name: /^Move .* (up|down)$/ }).count(), WAIT).toBe(0);
    await expect.poll(() => readSaveStatus(us), WAIT).toBe('Following live');
    // The comments of the clause are read, but nobody starts or answers a thread.
    await us.getByRole('button', { name: /^Comments on OP1/ }).click();
    await expect.poll(() => us.locator('#comments-panel').count(), WAIT).toBe(1);
    expect(await us.getByRole('button', { name: /^New comment on / }).count()).toBe(0);
    await us.getByRole('button', { name: 'Close comments' }).click();

    // Typing changes nothing, on the page or on the server.
    await typeAtEndOfOp1(us, ' typed while archived');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await readClauseText(us, 'OP1')).toBe(before);
    expect(await op1OnServer()).not.toContain('typed while archived');
    await us.evaluate(() => window.scrollTo(0, 0));
    await us.screenshot({ path: `${SHOTS}/archived-draft-delegate.png` });
    expect(await axeViolations(us)).toEqual([]);
  });

  it('gives editing back once the secretariat restores it, and what is typed then is saved', async () => {
    await setArchived(false);

    await expect.poll(() => us.getByTestId('archived-note').count(), WAIT).toBe(0);
    await expect.poll(() => isEditable(us, 'OP1'), WAIT).toBe(true);
    await expect.poll(() => us.getByRole('button', { name: 'Save version…' }).count(), WAIT).toBe(1);
    await typeAtEndOfOp1(us, ' (restored)');
    await expect.poll(op1OnServer, WAIT).toMatch(/ \(restored\)$/);
    await expect.poll(() => readSaveStatus(us), WAIT).toBe('All changes saved');
    expect(await op1OnServer()).not.toContain('typed while archived');
  });
});
