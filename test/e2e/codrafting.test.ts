import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { starterDraftId } from '../helpers/collabClient.js';
import {
  clauseText,
  openDraftAs,
  placeCaret,
  readClauseNumbers,
  readClauseText,
  readSaveStatus,
  clauseTextName,
} from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };

let server: TestServer;
let browser: Browser;
let us: Page;
let dk: Page;
let reviewer: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  const draftId = await starterDraftId(server);
  [us, dk, reviewer] = await Promise.all([
    openDraftAs(browser, server.url, 'us@example.org', draftId),
    openDraftAs(browser, server.url, 'dk@example.org', draftId),
    openDraftAs(browser, server.url, 'reviewer@example.org', draftId),
  ]);
});

/** The name labels of other people's carets shown inside a clause body. */
function caretLabels(page: Page, number: string) {
  return clauseText(page, number).locator('.remote-caret-label').allTextContents();
}

describe('co-drafting a clause in real time', () => {
  it('shows both delegates the text both typed at once into the same clause, with each other’s caret labelled', async () => {
    await placeCaret(us, 'OP1', 'end');
    await placeCaret(dk, 'OP1', 'start');
    await Promise.all([us.keyboard.type(' (US: within available resources)'), dk.keyboard.type('(DK: Each) ')]);

    for (const page of [us, dk]) {
      await expect
        .poll(() => readClauseText(page, 'OP1'), WAIT)
        .toMatch(/^\(DK: Each\) Subscribing States .* \(US: within available resources\)$/);
    }
    await expect.poll(() => caretLabels(us, 'OP1'), WAIT).toEqual(['Mette Sørensen · Denmark']);
    await expect.poll(() => caretLabels(dk, 'OP1'), WAIT).toEqual(['James Carter · United States']);
    await us.screenshot({ path: `${SHOTS}/codrafting-same-clause-us.png` });
    await dk.screenshot({ path: `${SHOTS}/codrafting-same-clause-dk.png` });
  });

  it('shows each delegate what the other types at the same time in a different clause', async () => {
    await placeCaret(us, 'OP2', 'end');
    await placeCaret(dk, 'PP1', 'end');
    await Promise.all([us.keyboard.type(' and with the private sector'), dk.keyboard.type(' and recalling earlier commitments,')]);

    for (const page of [us, dk]) {
      await expect.poll(() => readClauseText(page, 'OP2'), WAIT).toMatch(/end uses and end users\. and with the private sector$/);
      await expect.poll(() => readClauseText(page, 'PP1'), WAIT).toMatch(/abuses of human rights, and recalling earlier commitments,$/);
    }
    await expect.poll(() => caretLabels(us, 'PP1'), WAIT).toEqual(['Mette Sørensen · Denmark']);
    await expect.poll(() => caretLabels(dk, 'OP2'), WAIT).toEqual(['James Carter · United States']);
  });

  it('merges two delegates typing into the same heading at once, without moving either caret', async () => {
    const usHeading = us.getByRole('textbox', { name: 'Heading of OP2' });
    const dkHeading = dk.getByRole('textbox', { name: 'Heading of OP2' });
    await usHeading.click();
    await us.keyboard.press('End');
    await dkHeading.click();
    await dk.keyboard.press('Home');
    await Promise.all([us.keyboard.type(' and partners'), dk.keyboard.type('Broad ')]);

    for (const heading of [usHeading, dkHeading]) {
      await expect.poll(() => heading.inputValue(), WAIT).toBe('Broad Consultation with stakeholders and partners');
    }
    // Each caret stayed right after what that person typed.
    expect(await usHeading.evaluate((input: HTMLTextAreaElement) => input.selectionStart)).toBe(
      'Broad Consultation with stakeholders and partners'.length,
    );
    expect(await dkHeading.evaluate((input: HTMLTextAreaElement) => input.selectionStart)).toBe('Broad '.length);
    await expect
      .poll(() => reviewer.getByRole('textbox', { name: 'Heading of OP2' }).inputValue(), WAIT)
      .toBe('Broad Consultation with stakeholders and partners');
  });

  it('reports "All changes saved" once the server has the typed text on disk', async () => {
    for (const page of [us, dk]) await expect.poll(() => readSaveStatus(page), WAIT).toBe('All changes saved');
  });

  it('lists everyone in the draft as avatars with name and delegation', async () => {
    const people = await us.getByRole('region', { name: 'People in this draft' }).locator('.avatar-tooltip').allTextContents();
    expect(people).toEqual(['James Carter · United States (you)', 'Amara Okafor, Reviewer', 'Mette Sørensen · Denmark']);
  });
});

describe('reading as a reviewer', () => {
  it('shows the reviewer the delegates’ typing live', async () => {
    await expect.poll(() => readClauseText(reviewer, 'OP1'), WAIT).toContain('(US: within available resources)');
    await placeCaret(us, 'OP3', 'end');
    await us.keyboard.type(' Reviewed live.');
    await expect.poll(() => readClauseText(reviewer, 'OP3'), WAIT).toMatch(/Reviewed live\.$/);
    await expect.poll(() => caretLabels(reviewer, 'OP3'), WAIT).toEqual(['James Carter · United States']);
    await reviewer.screenshot({ path: `${SHOTS}/codrafting-reviewer.png` });
  });

  it('does not let the reviewer change the text: nothing is editable and typing changes nothing anywhere', async () => {
    await reviewer.getByText('You are reading as a reviewer.').waitFor();
    const body = clauseText(reviewer, 'OP4');
    await expect.poll(() => body.getAttribute('contenteditable'), WAIT).toBe('false');
    expect(await reviewer.locator('[contenteditable="true"]').count()).toBe(0);
    expect(await reviewer.getByRole('button', { name: /^(Delete|Move|Add a clause)/ }).count()).toBe(0);
    await expect(reviewer.getByRole('textbox', { name: 'Heading of OP4' }).getAttribute('readonly')).resolves.toBe('');

    const before = await readClauseText(reviewer, 'OP4');
    await body.click();
    await reviewer.keyboard.type('Reviewer text');
    await reviewer.getByRole('textbox', { name: 'Heading of OP4' }).click();
    await reviewer.keyboard.type('Reviewer heading');
    expect(await readClauseText(reviewer, 'OP4')).toBe(before);
    expect(await reviewer.getByRole('textbox', { name: 'Heading of OP4' }).inputValue()).toBe('Sharing best practices');

    // A change the delegates make afterwards arrives, and the reviewer's keystrokes never did.
    await placeCaret(dk, 'OP4', 'end');
    await dk.keyboard.type(' Checked.');
    await expect.poll(() => readClauseText(us, 'OP4'), WAIT).toBe(`${before} Checked.`);
    await expect.poll(() => readClauseText(reviewer, 'OP4'), WAIT).toBe(`${before} Checked.`);
  });
});

describe('changing the clause structure together', () => {
  it('shows a clause one delegate adds to everyone, with its number and text', async () => {
    await us.getByRole('button', { name: 'Add a clause above or below OP2' }).click();
    await us.getByRole('button', { name: 'Add operative paragraph below OP2' }).click();
    await expect.poll(() => us.evaluate(() => document.activeElement?.getAttribute('aria-label')), WAIT).toMatch(clauseTextName('OP3'));
    await us.keyboard.type('Subscribing States will publish an annual report.');

    for (const page of [us, dk, reviewer]) {
      await expect.poll(() => readClauseText(page, 'OP3'), WAIT).toBe('Subscribing States will publish an annual report.');
      await expect
        .poll(() => readClauseNumbers(page), WAIT)
        .toEqual(['PP1', 'PP2', 'PP3', 'OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6', 'OP7']);
    }
    await us.screenshot({ path: `${SHOTS}/codrafting-added.png` });
  });

  it('shows everyone a clause moved with the keyboard and with a drag', async () => {
    await us.getByRole('button', { name: 'Move OP3 up' }).click();
    for (const page of [us, dk, reviewer]) {
      await expect.poll(() => readClauseText(page, 'OP2'), WAIT).toBe('Subscribing States will publish an annual report.');
    }

    await placeCaret(dk, 'OP2', 'end');
    await dk.keyboard.press('Alt+Shift+ArrowUp');
    for (const page of [us, dk, reviewer]) {
      await expect.poll(() => readClauseText(page, 'OP1'), WAIT).toBe('Subscribing States will publish an annual report.');
    }

    const card = (page: Page, number: string) =>
      page.locator('article.clause', { has: page.locator('.clause-number', { hasText: new RegExp(`^${number}$`) }) });
    const target = card(us, 'OP2');
    const box = await target.boundingBox();
    // The lower half of the target card means "after it".
    await card(us, 'OP1')
      .locator('.drag-handle')
      .dragTo(target, { targetPosition: { x: 300, y: (box?.height ?? 100) - 12 } });
    for (const page of [us, dk, reviewer]) {
      await expect.poll(() => readClauseText(page, 'OP2'), WAIT).toBe('Subscribing States will publish an annual report.');
      await expect
        .poll(() => page.getByRole('textbox', { name: 'Heading of OP1' }).inputValue(), WAIT)
        .toBe('Human rights in licence reviews');
    }
  });

  it('removes a deleted clause for everyone and brings it back for everyone with Undo', async () => {
    await dk.getByRole('button', { name: 'Delete OP2' }).click();
    await dk.getByRole('status').filter({ hasText: 'OP2 deleted.' }).waitFor();
    await dk.screenshot({ path: `${SHOTS}/codrafting-deleted.png` });
    for (const page of [us, dk, reviewer]) {
      await expect.poll(() => readClauseNumbers(page), WAIT).toHaveLength(9);
      await expect.poll(() => page.getByText('Subscribing States will publish an annual report.').count(), WAIT).toBe(0);
    }

    await dk.getByRole('button', { name: 'Undo', exact: true }).click();
    for (const page of [us, dk, reviewer]) {
      await expect.poll(() => readClauseText(page, 'OP2'), WAIT).toBe('Subscribing States will publish an annual report.');
    }
  });

  it('undoes only one’s own typing, never the other delegate’s', async () => {
    const original = await readClauseText(us, 'OP5');
    await placeCaret(us, 'OP5', 'end');
    await us.keyboard.type(' US addition.');
    await placeCaret(dk, 'OP5', 'start');
    await dk.keyboard.type('DK addition. ');
    await expect.poll(() => readClauseText(us, 'OP5'), WAIT).toMatch(/^DK addition\. .* US addition\.$/);

    await clauseText(us, 'OP5').click();
    await us.keyboard.press('Control+z');
    for (const page of [us, dk]) {
      await expect.poll(() => readClauseText(page, 'OP5'), WAIT).toBe(`DK addition. ${original}`);
    }
  });

  it('ends with every change saved for both delegates', async () => {
    for (const page of [us, dk]) await expect.poll(() => readSaveStatus(page), WAIT).toBe('All changes saved');
    await us.screenshot({ path: `${SHOTS}/codrafting-final-us.png`, fullPage: true });
  });
});

describe('when the connection fails', () => {
  it('keeps typing done while the server is down, says so, and saves it once the server is back', async () => {
    const own = await startTestServer({ keepData: true });
    const ownDraft = await starterDraftId(own);
    const page = await openDraftAs(browser, own.url, 'au@example.org', ownDraft);
    await expect.poll(() => readSaveStatus(page), WAIT).toBe('All changes saved');

    await own.close();
    await expect.poll(() => readSaveStatus(page), WAIT).toBe('Offline: changes kept in this browser');
    await placeCaret(page, 'OP6', 'end');
    await page.keyboard.type(' Typed while offline.');
    expect(await readSaveStatus(page)).toBe('Offline: changes kept in this browser');
    await page.screenshot({ path: `${SHOTS}/codrafting-offline.png` });

    const restarted = await startTestServer({ dataDir: own.dataDir, env: { PORT: String(own.port) } });
    await expect.poll(() => readSaveStatus(page), { timeout: 20_000 }).toBe('All changes saved');
    const other = await openDraftAs(browser, restarted.url, 'no@example.org', ownDraft);
    await expect.poll(() => readClauseText(other, 'OP6'), WAIT).toMatch(/Typed while offline\.$/);
  });

  it('tells a delegate whose access was withdrawn why the draft stopped, stops reconnecting and offers to sign in again', async () => {
    const draftId = await starterDraftId(server);
    const page = await openDraftAs(browser, server.url, 'no@example.org', draftId);
    await expect.poll(() => readSaveStatus(page), WAIT).toBe('All changes saved');
    let socketsOpened = 0;
    page.on('websocket', () => (socketsOpened += 1));

    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const members = (await secretariat.get('/api/members')).body as Array<{ id: string; email: string }>;
    const norway = members.find((m) => m.email === 'no@example.org')!;
    expect((await secretariat.patch(`/api/members/${norway.id}`, { active: false })).status).toBe(200);

    const alert = page.getByRole('alert').filter({ hasText: 'Your session has ended. Sign in again to continue.' });
    await alert.waitFor(WAIT);
    expect(await alert.getByRole('link', { name: 'Sign in again' }).getAttribute('href')).toBe(
      `/sign-in?next=${encodeURIComponent(`/drafts/${draftId}`)}`,
    );
    expect(await readSaveStatus(page)).toBe('Not connected');
    await page.screenshot({ path: `${SHOTS}/codrafting-session-ended.png` });
    // y-websocket retries within 200 ms after a transient close; a final one must bring no new socket.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(socketsOpened).toBe(0);
  });
});
