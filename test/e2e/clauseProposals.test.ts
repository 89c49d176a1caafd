import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readAmendments } from '../../shared/amendments/clauseProposals.js';
import { readBodyProposals } from '../../shared/amendments/proposals.js';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { INSERTION_MARK } from '../../shared/doc/schema.js';
import { isId } from '../../shared/ids.js';
import { axeViolations } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../helpers/collabClient.js';
import { commentsPanel, highlightedPassages, waitForClauseEditor } from '../helpers/commentsPage.js';
import { clauseTextName, openDraftAs, readClauseNumbers, readClauseText } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };
/** Live changes reach other pages within a second; half a second more for a busy test machine. */
const LIVE = { timeout: 1_500 };
const PROPOSED_TEXT = 'Subscribing States will publish an annual report.';
const SECOND_PARAGRAPH = 'The report is made public.';

let server: TestServer;
let browser: Browser;
let draftId: string;
let usDelegation: string;
/** James Carter, United States delegate. */
let us: Page;
/** Lars Haugen, Norway delegate. */
let no: Page;
/** Helena Brandt, secretariat. */
let secretariat: Page;
/** The secretariat's stock client, to read the document as the server holds it. */
let reader: CollabClient;

/** The card of the clause with this number. */
function card(page: Page, number: string) {
  return page.locator('article.clause', { has: page.locator('.clause-number', { hasText: new RegExp(`^${number}$`) }) });
}

/** The proposals panel, opened. */
async function openProposals(page: Page) {
  const panel = page.getByRole('complementary', { name: 'Proposals' });
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^Proposals/ }).click();
  await panel.waitFor(WAIT);
  return panel;
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  draftId = await starterDraftId(server);
  const secretariatApi = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  const me = await (await new ApiClient(server.url).signIn('us@example.org', TEST_PASSWORD)).get('/api/me');
  usDelegation = (me.body as { delegation: { id: string } }).delegation.id;
  expect((await secretariatApi.patch(`/api/drafts/${draftId}`, { editingMode: 'amendments' })).status).toBe(200);
  [us, no, secretariat] = await Promise.all([
    openDraftAs(browser, server.url, 'us@example.org', draftId),
    openDraftAs(browser, server.url, 'no@example.org', draftId),
    openDraftAs(browser, server.url, 'secretariat@example.org', draftId),
  ]);
  reader = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'secretariat@example.org') });
}, 60_000);

describe('proposals on whole clauses, in Chromium', () => {
  it('lets a delegate propose a new clause from the Add… menu and write it directly; another delegation sees it tagged', async () => {
    await us.getByRole('button', { name: 'Propose a new clause above or below OP2, or add an option' }).click();
    // Sections are the secretariat's: only paragraphs can be proposed.
    expect(await us.getByRole('button', { name: /^Propose a new section heading/ }).count()).toBe(0);
    await us.getByRole('button', { name: 'Propose a new operative paragraph below OP2' }).click();
    await expect.poll(() => us.evaluate(() => document.activeElement?.getAttribute('aria-label')), WAIT).toMatch(clauseTextName('OP3'));
    // The delegation's own proposed clause is written directly: no proposal marks, and new paragraphs too.
    await us.keyboard.type(PROPOSED_TEXT);
    await us.keyboard.press('Enter');
    await us.keyboard.type(SECOND_PARAGRAPH);
    await card(us, 'OP3').getByRole('button', { name: 'Add a heading to OP3' }).click();
    await us.keyboard.type('Annual report');

    const noCard = card(no, 'OP3');
    await expect
      .poll(() => noCard.getByTestId('clause-proposal-new').locator('.clause-proposal-text').textContent(), WAIT)
      .toBe('Proposed new clause — United States');
    await expect.poll(() => readClauseText(no, 'OP3'), WAIT).toBe(`${PROPOSED_TEXT}${SECOND_PARAGRAPH}`);
    await expect.poll(() => no.getByRole('textbox', { name: 'Heading of OP3' }).inputValue(), WAIT).toBe('Annual report');
    expect(await noCard.getAttribute('data-proposed-by')).toBe(usDelegation);
    expect(await noCard.locator('.proposal').count()).toBe(0);
    // Norway does not write in it directly: its heading and text take Norway's proposals, as any clause's.
    expect(await no.getByRole('textbox', { name: 'Heading of OP3' }).getAttribute('readonly')).toBeNull();
    const outline = no.getByRole('navigation', { name: 'Outline' });
    expect(await outline.locator('.outline-item-proposed-new').textContent()).toContain('proposed new clause');
    await noCard.scrollIntoViewIfNeeded();
    await no.screenshot({ path: `${SHOTS}/clause-proposal-new.png` });
    expect(await axeViolations(no)).toEqual([]);

    // Listed with the other proposals, and held by the server as the United States' proposal.
    const panel = await openProposals(no);
    const item = panel.locator('.proposal-item[data-kind="clause-insertion"]');
    await item.waitFor(WAIT);
    expect(await item.locator('.proposal-kind').textContent()).toBe('New clause');
    expect(await item.locator('.proposal-chip').textContent()).toBe('United States');
    await eventually(
      () => readAmendments(reader.doc).some((p) => p.kind === 'clause-insertion' && p.text.includes(SECOND_PARAGRAPH)),
      'the proposed clause reaches the server',
    );
    const proposed = readOrderedClauses(reader.doc).find((clause) => clause.proposedBy !== null)!;
    expect(proposed.proposedBy?.delegation).toBe(usDelegation);
    expect(isId(proposed.proposedBy?.id)).toBe(true);
    expect(proposed.heading.toString()).toBe('Annual report');
    expect(readParagraphs(proposed.body)).toEqual([PROPOSED_TEXT, SECOND_PARAGRAPH]);
    expect(readBodyProposals(proposed.id, proposed.body)).toEqual([]);
    expect(await us.getByTestId('edit-refused').count()).toBe(0);

    // The views: left out of the accepted text, plain if all were accepted.
    const view = (label: string) => no.locator('.proposal-view').getByLabel(label, { exact: true }).check();
    await view('Accepted text');
    await expect.poll(() => noCard.isVisible()).toBe(false);
    await view('If all accepted');
    await expect.poll(() => noCard.isVisible()).toBe(true);
    expect(await noCard.getByTestId('clause-proposal-new').isVisible()).toBe(false);
    await view('All proposals');
    await expect.poll(() => noCard.getByTestId('clause-proposal-new').isVisible()).toBe(true);
  });

  it('lets a delegate propose deleting a clause and withdraw it, and the secretariat accept one from the panel', async () => {
    const numbers = await readClauseNumbers(secretariat);
    const doomed = await readClauseText(secretariat, 'OP6');
    // Proposed and withdrawn: the clause is as it was.
    await no.getByRole('button', { name: 'Propose deletion of OP5' }).click();
    await expect
      .poll(() => card(us, 'OP5').getByTestId('clause-proposal-deletion').textContent(), LIVE)
      .toMatch(/^Deletion proposed by Norway/);
    await no.getByRole('button', { name: 'Withdraw deletion of OP5' }).click();
    await card(us, 'OP5')
      .getByTestId('clause-proposal-deletion')
      .waitFor({ state: 'detached', ...WAIT });
    await eventually(() => readAmendments(reader.doc).every((p) => p.kind !== 'clause-deletion'), 'the withdrawal reaches the server');

    await no.getByRole('button', { name: 'Propose deletion of OP6' }).click();
    const usCard = card(us, 'OP6');
    await expect
      .poll(() => usCard.getByTestId('clause-proposal-deletion').locator('.clause-proposal-text').textContent(), LIVE)
      .toBe('Deletion proposed by Norway');
    // Struck through, still there and still readable.
    await waitForClauseEditor(us, 'OP6');
    expect(await usCard.locator('.clause-text').evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('line-through');
    // Only one deletion proposal at a time: the United States cannot propose it again.
    expect(await us.getByRole('button', { name: 'Propose deletion of OP6' }).getAttribute('aria-disabled')).toBe('true');
    await us.screenshot({ path: `${SHOTS}/clause-proposal-deletion.png` });
    expect(await axeViolations(us)).toEqual([]);

    const panel = await openProposals(secretariat);
    const item = panel.locator('.proposal-item[data-kind="clause-deletion"]');
    await item.waitFor(WAIT);
    expect(await item.locator('.proposal-kind').textContent()).toBe('Delete clause');
    expect(await item.locator('.proposal-chip').textContent()).toBe('Norway');
    await item.getByRole('button', { name: /^Accept/ }).click();

    // Accepted: the clause leaves the text on every page.
    for (const page of [secretariat, us, no]) {
      await expect.poll(() => readClauseNumbers(page), WAIT).toHaveLength(numbers.length - 1);
      await expect.poll(() => page.locator('.clause-list').getByText(doomed).count(), WAIT).toBe(0);
    }
    await item.waitFor({ state: 'detached', ...LIVE });
    expect(readAmendments(reader.doc).some((p) => p.kind === 'clause-deletion')).toBe(false);
  });

  it('lets a delegation comment on another’s proposal from the panel, anchored on its passage', async () => {
    // The United States propose words in OP1, as their stock client would.
    const usClient = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    const inserted = 'Where national law permits, ';
    usClient.doc.transact(() => {
      const clause = readOrderedClauses(usClient.doc).filter((c) => c.kind === 'operative')[0]!;
      ((clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, inserted, {
        [INSERTION_MARK]: { id: 'proposalUS000077', delegation: usDelegation },
      });
    });
    await eventually(() => readAmendments(reader.doc).some((p) => p.id === 'proposalUS000077'), 'the proposal reaches the server');
    usClient.destroy();

    const panel = await openProposals(no);
    const item = panel.locator('.proposal-item[data-proposal-id="proposalUS000077"]');
    await item.waitFor(WAIT);
    await item.getByRole('button', { name: /^Comment on the insertion by United States in OP1/ }).click();

    const comments = commentsPanel(no);
    await expect.poll(() => comments.locator('h2').textContent(), WAIT).toBe('Comments on OP1');
    expect(await comments.locator('.new-thread blockquote').textContent()).toBe(inserted);
    await comments.getByRole('textbox', { name: 'New comment on OP1' }).fill('We can live with this');
    await comments.getByRole('button', { name: 'Comment', exact: true }).click();
    const thread = comments.getByRole('article', { name: 'Thread started by Lars Haugen' });
    await thread.waitFor(WAIT);
    expect(await thread.locator('.comment-text').first().textContent()).toBe('We can live with this');
    expect(await thread.locator('.thread-quote-text').textContent()).toBe(inserted);

    // Marked on the proposal's passage, on every page.
    await waitForClauseEditor(no, 'OP1');
    await expect.poll(() => highlightedPassages(no, 'OP1'), WAIT).toEqual([inserted]);
    await waitForClauseEditor(us, 'OP1');
    await expect.poll(() => highlightedPassages(us, 'OP1'), WAIT).toEqual([inserted]);
    await no.screenshot({ path: `${SHOTS}/clause-proposal-comment.png` });

    // The proposal now says it has a thread, and that leads to it.
    const usPanel = await openProposals(us);
    const usItem = usPanel.locator('.proposal-item[data-proposal-id="proposalUS000077"]');
    await expect.poll(() => usItem.locator('.proposal-item-threads').textContent(), WAIT).toMatch(/^1 comment thread/);
    await us.screenshot({ path: `${SHOTS}/clause-proposal-threads.png` });
    await usItem.locator('.proposal-item-threads').click();
    await commentsPanel(us).getByRole('article', { name: 'Thread started by Lars Haugen' }).waitFor(WAIT);
  });
});
