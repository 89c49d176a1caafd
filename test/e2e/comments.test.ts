import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { starterDraftId } from '../helpers/collabClient.js';
import { clauseCommentBadge, commentsPanel, highlightedPassages, selectPhrase, waitForClauseEditor } from '../helpers/commentsPage.js';
import { clauseText, openDraftAs } from '../helpers/draftPage.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };
/** Live changes must reach other pages within a second; half a second more for a busy test machine. */
const LIVE = { timeout: 1_500 };
const PHRASE = 'take into account';

let server: TestServer;
let browser: Browser;
let reviewer: Page;
let delegate: Page;

/** Marks the page so a later check can tell it was never reloaded. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
}

async function wasNotReloaded(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument === true);
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  const draftId = await starterDraftId(server);
  [reviewer, delegate] = await Promise.all([
    openDraftAs(browser, server.url, 'reviewer@example.org', draftId),
    openDraftAs(browser, server.url, 'us@example.org', draftId),
  ]);
  await Promise.all([markPage(reviewer), markPage(delegate), waitForClauseEditor(delegate, 'OP1')]);
});

describe('a review thread on a quoted phrase, live between two browsers', () => {
  it('lets a reviewer select a phrase in the read-only text and comment on it', async () => {
    expect(await selectPhrase(reviewer, 'OP1', PHRASE)).toBe(PHRASE);
    await reviewer.screenshot({ path: `${SHOTS}/comments-selection.png` });
    await reviewer.getByRole('button', { name: 'Comment on the selected passage' }).click();

    const panel = commentsPanel(reviewer);
    await expect.poll(() => panel.locator('h2').textContent(), WAIT).toBe('Comments on OP1');
    const field = panel.getByRole('textbox', { name: 'New comment on OP1' });
    await expect.poll(() => field.evaluate((element) => element === document.activeElement), WAIT).toBe(true);
    expect(await panel.locator('.new-thread blockquote').textContent()).toBe(PHRASE);
    await reviewer.screenshot({ path: `${SHOTS}/comments-new-thread.png` });

    await reviewer.keyboard.type('Why not "assess"?\nIt is the word licensing authorities use.');
    await panel.getByRole('button', { name: 'Comment', exact: true }).click();

    const thread = panel.getByRole('article', { name: 'Thread started by Amara Okafor' });
    await thread.waitFor(WAIT);
    expect(await thread.locator('.comment-text').first().textContent()).toBe(
      'Why not "assess"?\nIt is the word licensing authorities use.',
    );
    expect(await thread.locator('.comment-affiliation').first().textContent()).toBe('Reviewer');
    await expect.poll(() => highlightedPassages(reviewer, 'OP1'), WAIT).toEqual([PHRASE]);
    expect(await clauseCommentBadge(reviewer, 'OP1').getAttribute('aria-label')).toBe('Comments on OP1: 1 open');
  });

  it('shows the delegate the new thread without reloading: the count on the clause and the marked passage', async () => {
    await expect.poll(() => clauseCommentBadge(delegate, 'OP1').getAttribute('aria-label'), LIVE).toBe('Comments on OP1: 1 open');
    await expect.poll(() => highlightedPassages(delegate, 'OP1'), LIVE).toEqual([PHRASE]);
    const outline = delegate.getByRole('navigation', { name: 'Outline' });
    expect(await outline.getByRole('button', { name: 'Comments on OP1: 1 open' }).textContent()).toBe('1');
    expect(await delegate.getByRole('button', { name: /^Comments\s*1 open$/ }).count()).toBe(1);
    await delegate.screenshot({ path: `${SHOTS}/comments-delegate-sees-thread.png` });
  });

  it('lets the delegate open the thread from the marked passage and reply', async () => {
    await clauseText(delegate, 'OP1').locator('.comment-highlight').first().click();
    const panel = commentsPanel(delegate);
    const thread = panel.getByRole('article', { name: 'Thread started by Amara Okafor' });
    await thread.waitFor(WAIT);
    expect(await thread.getAttribute('class')).toContain('thread-active');
    expect(await thread.locator('.thread-quote-text').textContent()).toBe(PHRASE);
    // Only the thread's author and the secretariat may resolve it.
    expect(await thread.getByRole('button', { name: 'Resolve thread' }).count()).toBe(0);

    await thread.getByRole('textbox', { name: 'Reply to Amara Okafor' }).fill('We could accept "assess", see https://example.org/assess.');
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    await expect.poll(() => thread.locator('.comment').count(), WAIT).toBe(2);
    // The sent reply empties the field and its now-disabled button gives focus back to the field.
    await expect
      .poll(() =>
        delegate.evaluate(
          () =>
            document.activeElement?.getAttribute('aria-label') ??
            (document.activeElement as HTMLTextAreaElement | null)?.labels?.[0]?.textContent,
        ),
      )
      .toBe('Reply to Amara Okafor');
    const link = thread.locator('.comment').nth(1).getByRole('link', { name: 'https://example.org/assess' });
    expect(await link.getAttribute('href')).toBe('https://example.org/assess');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(await link.getAttribute('target')).toBe('_blank');
    await delegate.screenshot({ path: `${SHOTS}/comments-delegate-replied.png` });
  });

  it('shows the reviewer the reply live, and lets the reviewer resolve the thread', async () => {
    const thread = commentsPanel(reviewer).getByRole('article', { name: 'Thread started by Amara Okafor' });
    const reply = thread.locator('.comment').nth(1);
    await expect
      .poll(
        () =>
          reply
            .locator('.comment-text')
            .textContent()
            .catch(() => null),
        LIVE,
      )
      .toBe('We could accept "assess", see https://example.org/assess.');
    expect(await reply.locator('.comment-author').textContent()).toBe('James Carter');
    expect(await reply.locator('.comment-affiliation').textContent()).toBe('United States');
    await reviewer.screenshot({ path: `${SHOTS}/comments-reviewer-sees-reply.png` });

    await thread.getByRole('button', { name: 'Resolve thread' }).click();
    await expect.poll(() => clauseCommentBadge(reviewer, 'OP1').getAttribute('aria-label'), WAIT).toBe('Comments on OP1: none open');
    expect(await commentsPanel(reviewer).getByText('No open comments on OP1.').count()).toBe(1);
    // The resolved thread left the "Open" list; focus stays in the panel rather than falling to the page.
    await expect.poll(() => reviewer.evaluate(() => document.activeElement?.textContent), WAIT).toBe('Comments on OP1');
  });

  it('shows the delegate the thread resolved without reloading: the open count drops and "Resolved" lists it', async () => {
    await expect.poll(() => clauseCommentBadge(delegate, 'OP1').getAttribute('aria-label'), LIVE).toBe('Comments on OP1: none open');
    await expect.poll(() => highlightedPassages(delegate, 'OP1'), LIVE).toEqual([]);
    const panel = commentsPanel(delegate);
    expect(await panel.getByText('No open comments on OP1.').count()).toBe(1);

    await panel.getByRole('radio', { name: /^Resolved/ }).check();
    const thread = panel.getByRole('article', { name: 'Thread started by Amara Okafor, resolved' });
    await thread.waitFor(WAIT);
    expect(await thread.locator('.thread-state').textContent()).toMatch(/^Resolved by Amara Okafor · \d\d:\d\d$/);
    expect(await thread.getByRole('button', { name: 'Reopen thread' }).count()).toBe(1);
    expect(await wasNotReloaded(delegate)).toBe(true);
    expect(await wasNotReloaded(reviewer)).toBe(true);
    await delegate.screenshot({ path: `${SHOTS}/comments-delegate-sees-resolved.png` });
  });
});

describe('finding, writing and managing threads', () => {
  it('opens a clause’s comments from its badge with the keyboard, with focus in the panel, and Escape brings focus back', async () => {
    await commentsPanel(delegate).getByRole('button', { name: 'Close comments' }).click();
    await expect.poll(() => commentsPanel(delegate).count(), WAIT).toBe(0);
    const badge = clauseCommentBadge(delegate, 'OP2');
    await badge.focus();
    await delegate.keyboard.press('Enter');
    await expect.poll(() => delegate.evaluate(() => document.activeElement?.textContent), WAIT).toBe('Comments on OP2');
    expect(await badge.getAttribute('aria-expanded')).toBe('true');

    await delegate.keyboard.press('Escape');
    await expect.poll(() => commentsPanel(delegate).count(), WAIT).toBe(0);
    await expect.poll(() => badge.evaluate((element) => element === document.activeElement), WAIT).toBe(true);
  });

  it('starts a thread on a whole clause, counting characters near the limit and refusing text over it', async () => {
    await clauseCommentBadge(delegate, 'OP2').click();
    const panel = commentsPanel(delegate);
    await panel.getByRole('button', { name: 'New comment on OP2' }).click();
    const field = panel.getByRole('textbox', { name: 'New comment on OP2' });
    await expect.poll(() => field.evaluate((element) => element === document.activeElement), WAIT).toBe(true);
    await field.fill('x'.repeat(3700));
    expect(await panel.getByText('300 characters left').count()).toBe(1);
    await field.fill('x'.repeat(4001));
    expect(await panel.getByText('1 character too many').count()).toBe(1);
    expect(await panel.getByRole('button', { name: 'Comment', exact: true }).isDisabled()).toBe(true);

    await field.fill('Consider naming academia first.\nAnd think tanks.');
    await panel.getByRole('button', { name: 'Comment', exact: true }).click();
    const thread = panel.getByRole('article', { name: 'Thread started by James Carter' });
    await thread.waitFor(WAIT);
    expect(await thread.locator('.thread-scope').textContent()).toBe('On the whole clause');
    await expect.poll(() => clauseCommentBadge(reviewer, 'OP2').getAttribute('aria-label'), LIVE).toBe('Comments on OP2: 1 open');
  });

  it('lets the author edit and delete their own comment, and shows the edit and the deletion marker to others live', async () => {
    const mine = commentsPanel(delegate).getByRole('article', { name: 'Thread started by James Carter' });
    await mine.getByRole('button', { name: 'Edit your comment' }).click();
    await mine.getByRole('textbox', { name: 'Edit your comment' }).fill('Consider naming academia first, then think tanks.');
    await mine.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => mine.locator('.comment-edited').count(), WAIT).toBe(1);

    await clauseCommentBadge(reviewer, 'OP2').click();
    const theirs = commentsPanel(reviewer).getByRole('article', { name: 'Thread started by James Carter' });
    await expect
      .poll(() => theirs.locator('.comment-text').first().textContent(), LIVE)
      .toBe('Consider naming academia first, then think tanks.');
    expect(await theirs.locator('.comment-edited').count()).toBe(1);
    // Someone else's comment offers neither Edit nor Delete, and only its author or the secretariat resolves the thread.
    expect(await theirs.getByRole('button', { name: /your comment/ }).count()).toBe(0);
    expect(await theirs.getByRole('button', { name: 'Resolve thread' }).count()).toBe(0);
    await theirs.getByRole('textbox', { name: 'Reply to James Carter' }).fill('Agreed.');
    await theirs.getByRole('button', { name: 'Reply', exact: true }).click();
    await expect
      .poll(() => mine.locator('.comment-text').allTextContents(), LIVE)
      .toEqual(['Consider naming academia first, then think tanks.', 'Agreed.']);

    await mine.getByRole('button', { name: 'Delete your comment' }).click();
    const dialog = delegate.getByRole('dialog', { name: 'Delete this comment?' });
    await dialog.getByRole('button', { name: 'Delete comment' }).click();
    await expect.poll(() => dialog.count(), WAIT).toBe(0);
    for (const thread of [mine, theirs]) {
      await expect.poll(() => thread.locator('.comment-deleted').allTextContents(), LIVE).toEqual(['Comment deleted']);
      expect(await thread.locator('.comment-text').allTextContents()).toEqual(['Agreed.']);
    }
    await reviewer.screenshot({ path: `${SHOTS}/comments-edited-and-deleted.png` });
  });

  it('keeps the quote of a passage deleted from the text, marked "Passage deleted"', async () => {
    expect(await selectPhrase(reviewer, 'OP4', 'exchange best practices')).toBe('exchange best practices');
    await reviewer.getByRole('button', { name: 'Comment on the selected passage' }).click();
    await commentsPanel(reviewer).getByRole('textbox', { name: 'New comment on OP4' }).fill('Which practices?');
    await commentsPanel(reviewer).getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => highlightedPassages(delegate, 'OP4'), LIVE).toEqual(['exchange best practices']);

    expect(await selectPhrase(delegate, 'OP4', 'exchange best practices')).toBe('exchange best practices');
    await delegate.keyboard.press('Backspace');
    const thread = commentsPanel(reviewer).getByRole('article', { name: 'Thread started by Amara Okafor' });
    await expect
      .poll(
        () =>
          thread
            .locator('.thread-quote-note')
            .textContent()
            .catch(() => null),
        WAIT,
      )
      .toBe('Passage deleted');
    expect(await thread.locator('.thread-quote-text').textContent()).toBe('exchange best practices');
    expect(await highlightedPassages(reviewer, 'OP4')).toEqual([]);
    expect(await clauseCommentBadge(reviewer, 'OP4').getAttribute('aria-label')).toBe('Comments on OP4: 1 open');
    await reviewer.screenshot({ path: `${SHOTS}/comments-passage-deleted.png` });
  });

  it('marks a passage that begins the clause text, for everyone', async () => {
    // Yjs positions at the very start of a text need care when they are turned into editor positions.
    expect(await selectPhrase(reviewer, 'OP3', 'Subscribing States will share')).toBe('Subscribing States will share');
    await reviewer.getByRole('button', { name: 'Comment on the selected passage' }).click();
    await commentsPanel(reviewer).getByRole('textbox', { name: 'New comment on OP3' }).fill('Share with whom?');
    await commentsPanel(reviewer).getByRole('button', { name: 'Comment', exact: true }).click();
    await waitForClauseEditor(delegate, 'OP3');
    for (const page of [reviewer, delegate]) {
      await expect.poll(() => highlightedPassages(page, 'OP3'), LIVE).toEqual(['Subscribing States will share']);
    }
    await commentsPanel(reviewer)
      .getByRole('article', { name: 'Thread started by Amara Okafor' })
      .getByRole('button', { name: 'Resolve thread' })
      .click();
    await expect.poll(() => highlightedPassages(delegate, 'OP3'), LIVE).toEqual([]);
  });

  it('lists every open thread by clause in reading order, threads of a deleted clause last and still open to replies', async () => {
    await clauseCommentBadge(reviewer, 'OP5').click();
    await commentsPanel(reviewer).getByRole('button', { name: 'New comment on OP5' }).click();
    await commentsPanel(reviewer).getByRole('textbox', { name: 'New comment on OP5' }).fill('Is this still needed?');
    await commentsPanel(reviewer).getByRole('button', { name: 'Comment', exact: true }).click();
    await expect.poll(() => clauseCommentBadge(delegate, 'OP5').getAttribute('aria-label'), LIVE).toBe('Comments on OP5: 1 open');
    await delegate.getByRole('button', { name: 'Delete OP5' }).click();
    await expect.poll(() => clauseCommentBadge(reviewer, 'OP5').getAttribute('aria-label'), WAIT).toBe('Comments on OP5: none open');

    await reviewer.getByRole('button', { name: /^Comments\s*\d+ open$/ }).click();
    const panel = commentsPanel(reviewer);
    await expect.poll(() => panel.locator('h2').textContent(), WAIT).toBe('All comments in this draft');
    const groups = panel.locator('.overview-clause-button');
    await expect
      .poll(() => groups.allTextContents(), WAIT)
      .toEqual([
        'OP2Consultation with stakeholders1 open thread',
        'OP4Sharing best practices1 open thread',
        'Deleted clauseIndustry due diligence1 open thread',
      ]);
    await reviewer.screenshot({ path: `${SHOTS}/comments-overview.png` });

    await groups.last().click();
    await expect.poll(() => panel.locator('h2').textContent(), WAIT).toBe('Comments on a deleted clause');
    expect(await panel.locator('.comments-panel-summary').textContent()).toBe('Industry due diligence');
    expect(await panel.getByRole('button', { name: /^New comment/ }).count()).toBe(0);
    const thread = panel.getByRole('article', { name: 'Thread started by Amara Okafor' });
    await thread.getByRole('textbox', { name: 'Reply to Amara Okafor' }).fill('Only if the clause comes back.');
    await thread.getByRole('button', { name: 'Reply', exact: true }).click();
    await expect
      .poll(() => thread.locator('.comment-text').allTextContents(), WAIT)
      .toEqual(['Is this still needed?', 'Only if the clause comes back.']);
    await reviewer.screenshot({ path: `${SHOTS}/comments-deleted-clause.png` });
  });

  it('shows the panel over the page on a narrow screen', async () => {
    await delegate.setViewportSize({ width: 420, height: 800 });
    await delegate.getByRole('button', { name: /^Comments\s*\d+ open$/ }).click();
    const panel = commentsPanel(delegate);
    await expect.poll(() => panel.locator('h2').textContent(), WAIT).toBe('All comments in this draft');
    const box = await panel.boundingBox();
    expect(box && box.x >= 0 && box.x + box.width <= 420).toBe(true);
    await delegate.screenshot({ path: `${SHOTS}/comments-narrow.png` });
  });
});
