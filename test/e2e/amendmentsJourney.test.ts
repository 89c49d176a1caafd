import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { DraftText } from '../../shared/export/DraftText.js';
import { PROJECT_ROOT } from '../../server/config.js';
import { launchBrowser } from '../helpers/browser.js';
import { starterDraftId } from '../helpers/collabClient.js';
import { commentsPanel, highlightedPassages, selectPhrase, waitForClauseEditor } from '../helpers/commentsPage.js';
import { clauseText, openDraftAs, readClauseText } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

/**
 * The amendments journey of issue 17, through the pages only, in three browsers: the secretariat switches the
 * draft to amendments mode; the United States delegate types an insertion and strikes a word in OP2; Norway
 * sees both tagged "United States" and says it can live with the insertion; the secretariat accepts the
 * insertion, rejects the deletion and agrees the clause; the United States delegate's typing in the agreed
 * clause then changes nothing, and the page says why. The server is read only to check what it holds.
 * Screenshots go to test-results/amendments-journey/ (git-ignored), to be looked at.
 */

const SHOTS = path.join(PROJECT_ROOT, 'test-results', 'amendments-journey');
const WAIT = { timeout: 10_000 };
/** Live changes reach other pages within a second; half a second more for a busy test machine. */
const LIVE = { timeout: 1_500 };
/** The laptop screen the journey is played on; the panel is also looked at on a phone and a wide screen. */
const LAPTOP = { width: 1366, height: 768 };
const PHONE = { width: 390, height: 844 };
const WIDE = { width: 1920, height: 1080 };
const CLAUSE = 'OP2';
const ORIGINAL =
  'Subscribing States will consult, as appropriate, with industry, civil society and academic experts on the human rights risks associated with particular goods, end uses and end users.';
const INSERTED = 'regularly ';
const DELETED = 'academic ';
/** OP2 once the insertion is accepted and the deletion rejected. */
const DECIDED = ORIGINAL.replace('will consult', `will ${INSERTED}consult`);
const COMMENT = 'We can live with this.';

let server: TestServer;
let browser: Browser;
let draftId: string;
/** Helena Brandt, secretariat. */
let secretariat: Page;
/** James Carter, United States delegate. */
let us: Page;
/** Lars Haugen, Norway delegate. */
let no: Page;
/** A reviewer's session, only to read what the server holds. */
let reader: ApiClient;

/** Saves what the page shows, with transitions finished (a hover bar fading out is not a layout problem). */
function shot(page: Page, name: string): Promise<Buffer> {
  return page.screenshot({ path: path.join(SHOTS, `${name}.png`), animations: 'disabled' });
}

/** The proposal passages in a clause's text as "+text|tag" or "-text|tag" (without other people's caret labels). */
async function passagesIn(page: Page, number: string): Promise<string[]> {
  return clauseText(page, number)
    .locator('.proposal')
    .evaluateAll((elements) =>
      elements.map((element) => {
        const html = element as HTMLElement;
        const copy = html.cloneNode(true) as HTMLElement;
        for (const caret of copy.querySelectorAll('.remote-caret')) caret.remove();
        return `${html.classList.contains('proposal-insertion') ? '+' : '-'}${copy.textContent}|${html.dataset.tag}`;
      }),
    );
}

/** Whether the editor of a clause holds a selection (true) or a caret (false), as its editor state says. */
function selectionIsRange(page: Page, number: string): Promise<boolean> {
  return clauseText(page, number).evaluate((element) => {
    const editor = (element as HTMLElement & { editor?: { state: { selection: { empty: boolean } } } }).editor;
    return editor ? !editor.state.selection.empty : false;
  });
}

/** Selects a phrase of a clause's text with the mouse and waits for the editor to hold it. */
async function select(page: Page, number: string, phrase: string): Promise<void> {
  expect(await selectPhrase(page, number, phrase)).toBe(phrase);
  await expect.poll(() => selectionIsRange(page, number), WAIT).toBe(true);
}

/** The card of the clause with this number. */
function card(page: Page, number: string) {
  return page.locator('article.clause', { has: clauseText(page, number) });
}

/** The proposals panel. */
function proposalsPanel(page: Page) {
  return page.getByRole('complementary', { name: 'Proposals' });
}

/** A clause's text as the server exports it (JSON), with how many proposal marks its runs carry. */
async function serverClause(clauseId: string): Promise<{ text: string; proposals: number }> {
  const res = await reader.get(`/api/drafts/${draftId}/export?format=json`);
  expect(res.status).toBe(200);
  const clause = (res.body as DraftText).clauses.find((c) => c.id === clauseId);
  if (!clause) throw new Error(`no clause ${clauseId} in the export`);
  let text = '';
  let proposals = 0;
  for (const block of clause.blocks) {
    if (block.type !== 'paragraph') throw new Error(`unexpected ${block.type} in ${CLAUSE}`);
    for (const run of block.content) {
      text += run.text;
      proposals += run.marks.filter((mark) => mark.type === 'proposal').length;
    }
  }
  return { text, proposals };
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  draftId = await starterDraftId(server);
  reader = await new ApiClient(server.url).signIn('reviewer@example.org', TEST_PASSWORD);
  [secretariat, us, no] = await Promise.all([
    openDraftAs(browser, server.url, 'secretariat@example.org', draftId),
    openDraftAs(browser, server.url, 'us@example.org', draftId),
    openDraftAs(browser, server.url, 'no@example.org', draftId),
  ]);
  await Promise.all([secretariat, us, no].map((page) => page.setViewportSize(LAPTOP)));
  await Promise.all([secretariat, us, no].map((page) => waitForClauseEditor(page, CLAUSE)));
}, 60_000);

describe('amendments, from proposal to agreed text, in three browsers', () => {
  let clauseId: string;
  let insertionId: string;
  let deletionId: string;

  it('lets the secretariat switch the draft to amendments mode from its page, which the delegates see at once', async () => {
    clauseId = (await card(secretariat, CLAUSE).getAttribute('data-clause-id')) ?? '';
    expect(clauseId).not.toBe('');
    expect(await us.locator('.editing-mode-badge').textContent()).toBe('Direct editing');

    await secretariat.getByRole('button', { name: 'Switch to amendments mode' }).click();
    const dialog = secretariat.getByRole('dialog', { name: 'Switch to amendments mode?' });
    await dialog.waitFor(WAIT);
    await shot(secretariat, '01-switch-confirmation');
    await dialog.getByRole('button', { name: 'Switch to amendments mode' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });

    await expect.poll(() => us.locator('.editing-mode-badge').textContent(), LIVE).toBe('Amendments mode');
    expect(await us.locator('.editing-mode-explanation').textContent()).toBe(
      'Your changes are proposals of United States; the secretariat decides.',
    );
    await expect.poll(() => no.locator('.editing-mode-badge').textContent(), LIVE).toBe('Amendments mode');
    expect((await reader.get(`/api/drafts/${draftId}`)).body.editingMode).toBe('amendments');
    await us.evaluate(() => window.scrollTo(0, 0));
    await shot(us, '02-us-sees-amendments-mode');
  });

  it('turns the United States delegate’s typing into an insertion and a struck word of the United States', async () => {
    // The caret before "consult": select the word, then go to its start.
    await select(us, CLAUSE, 'consult');
    await us.keyboard.press('ArrowLeft');
    await expect.poll(() => selectionIsRange(us, CLAUSE), WAIT).toBe(false);
    await us.keyboard.type(INSERTED);
    await expect.poll(() => passagesIn(us, CLAUSE), WAIT).toEqual([`+${INSERTED}|United States`]);

    await select(us, CLAUSE, DELETED);
    await us.keyboard.press('Delete');
    await expect.poll(() => passagesIn(us, CLAUSE), WAIT).toEqual([`+${INSERTED}|United States`, `-${DELETED}|United States`]);
    // The struck word stays in the text until the secretariat decides.
    expect(await readClauseText(us, CLAUSE)).toBe(ORIGINAL.replace('will consult', `will ${INSERTED}consult`));
    expect(await us.getByTestId('edit-refused').count()).toBe(0);
    await shot(us, '03-us-proposed');
  });

  it('shows Norway both proposals tagged “United States”', async () => {
    await expect.poll(() => passagesIn(no, CLAUSE), LIVE).toEqual([`+${INSERTED}|United States`, `-${DELETED}|United States`]);
    const insertion = clauseText(no, CLAUSE).locator('ins.proposal-insertion');
    const deletion = clauseText(no, CLAUSE).locator('del.proposal-deletion');
    insertionId = (await insertion.getAttribute('data-proposal-id')) ?? '';
    deletionId = (await deletion.getAttribute('data-proposal-id')) ?? '';
    expect(insertionId).not.toBe('');
    expect(deletionId).not.toBe('');
    // The tag is on screen after each passage, with the kind's sign; the passages are underlined and struck.
    expect(await insertion.evaluate((element) => getComputedStyle(element, '::after').content)).toBe('"+\u00a0United States"');
    expect(await deletion.evaluate((element) => getComputedStyle(element, '::after').content)).toBe('"−\u00a0United States"');
    expect(await insertion.evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('underline');
    expect(await deletion.evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('line-through');
    expect(await insertion.isVisible()).toBe(true);
    expect(await deletion.isVisible()).toBe(true);
    await card(no, CLAUSE).scrollIntoViewIfNeeded();
    await shot(no, '04-norway-sees-proposals');

    // The server holds them as proposals of the United States.
    const amendments = (await reader.get(`/api/drafts/${draftId}/amendments`)).body as Array<{ id: string; kind: string; text: string }>;
    expect(amendments.map((a) => [a.id, a.kind, a.text])).toEqual([
      [insertionId, 'insertion', INSERTED],
      [deletionId, 'deletion', DELETED],
    ]);
  });

  it('lets Norway say it can live with the insertion, in a thread on the proposal started from the proposals panel', async () => {
    await no.getByRole('button', { name: /^Proposals/ }).click();
    const proposals = proposalsPanel(no);
    const item = proposals.locator(`.proposal-item[data-proposal-id="${insertionId}"]`);
    await item.waitFor(WAIT);
    // Norway decides nothing here; it can comment on any proposal.
    expect(await proposals.getByRole('button', { name: /^(Accept|Reject|Withdraw)\b/ }).count()).toBe(0);
    await item.getByRole('button', { name: new RegExp(`^Comment on the insertion by United States in ${CLAUSE}\\b`) }).click();

    // The comments panel takes the proposals panel's place, with a new thread on the proposed words.
    const panel = commentsPanel(no);
    const field = panel.getByRole('textbox', { name: `New comment on ${CLAUSE}` });
    await field.waitFor(WAIT);
    expect((await panel.locator('.new-thread blockquote').textContent())?.trim()).toBe(INSERTED.trim());
    await field.fill(COMMENT);
    await panel.getByRole('button', { name: 'Comment', exact: true }).click();
    const thread = panel.getByRole('article', { name: 'Thread started by Lars Haugen' });
    await thread.waitFor(WAIT);
    expect(await thread.locator('.comment-text').first().textContent()).toBe(COMMENT);
    await expect.poll(async () => (await highlightedPassages(no, CLAUSE)).map((quote) => quote.trim()), WAIT).toEqual([INSERTED.trim()]);
    await shot(no, '05-norway-comments');

    // The secretariat sees the thread on the inserted words too.
    await expect
      .poll(async () => (await highlightedPassages(secretariat, CLAUSE)).map((quote) => quote.trim()), LIVE)
      .toEqual([INSERTED.trim()]);
  });

  it('lets the secretariat accept the insertion and reject the deletion from the proposals panel, for every page at once', async () => {
    await secretariat.getByRole('button', { name: /^Proposals/ }).click();
    const panel = proposalsPanel(secretariat);
    await panel.waitFor(WAIT);
    const insertionItem = panel.locator(`.proposal-item[data-proposal-id="${insertionId}"]`);
    const deletionItem = panel.locator(`.proposal-item[data-proposal-id="${deletionId}"]`);
    await insertionItem.waitFor(WAIT);
    expect(await insertionItem.locator('.proposal-chip').textContent()).toBe('United States');
    expect(await deletionItem.locator('.proposal-chip').textContent()).toBe('United States');
    // Norway's thread is counted on the insertion it is about, and on nothing else.
    expect(await insertionItem.locator('.proposal-item-threads').getAttribute('data-threads')).toBe('1');
    expect(await insertionItem.locator('.proposal-item-threads').textContent()).toMatch(
      /^1 comment thread on the insertion by United States/,
    );
    expect(await deletionItem.locator('.proposal-item-threads').count()).toBe(0);
    await shot(secretariat, '06-panel-1366');
    // The same panel on a phone and on a wide screen, to be looked at.
    await secretariat.setViewportSize(PHONE);
    await insertionItem.scrollIntoViewIfNeeded();
    await shot(secretariat, '07-panel-390');
    await secretariat.setViewportSize(WIDE);
    await shot(secretariat, '08-panel-1920');
    await secretariat.setViewportSize(LAPTOP);

    await insertionItem.getByRole('button', { name: /^Accept/ }).click();
    await insertionItem.waitFor({ state: 'detached', ...WAIT });
    await deletionItem.getByRole('button', { name: /^Reject/ }).click();
    await deletionItem.waitFor({ state: 'detached', ...WAIT });
    expect(await panel.locator('.proposals-panel-summary').textContent()).toBe('No proposals to decide.');

    for (const page of [secretariat, us, no]) {
      await expect.poll(() => passagesIn(page, CLAUSE), LIVE).toEqual([]);
      expect(await readClauseText(page, CLAUSE)).toBe(DECIDED);
    }
    expect(await serverClause(clauseId)).toEqual({ text: DECIDED, proposals: 0 });
    // Norway's thread stays on the words it was about, now accepted text.
    expect((await highlightedPassages(no, CLAUSE)).map((quote) => quote.trim())).toEqual([INSERTED.trim()]);
    await card(secretariat, CLAUSE).scrollIntoViewIfNeeded();
    await shot(secretariat, '09-decided');
  });

  it('lets the secretariat set the clause to Agreed', async () => {
    await secretariat.getByRole('button', { name: `Set status of ${CLAUSE}…` }).click();
    const dialog = secretariat.getByRole('dialog', { name: `Set the status of ${CLAUSE}` });
    await dialog.getByLabel('Agreed', { exact: true }).check();
    await dialog.getByLabel('Note (optional)').fill('Agreed at the second reading.');
    await dialog.getByRole('button', { name: 'Set status' }).click();
    // Nothing left undecided in the clause: no question about proposals or brackets.
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    await secretariat.getByRole('button', { name: `Status of ${CLAUSE}: Agreed. Show the history` }).waitFor(WAIT);
    await expect
      .poll(() => card(secretariat, CLAUSE).getByTestId('clause-lock-note').textContent(), LIVE)
      .toMatch(/Agreed — locked\. Reopen the clause to change it\.$/);
    await shot(secretariat, '10-agreed');
  });

  it('leaves the agreed clause read-only for the United States delegate, says why, and lets typing change nothing', async () => {
    const note = card(us, CLAUSE).getByTestId('clause-lock-note');
    await expect.poll(() => note.textContent().catch(() => null), LIVE).toMatch(/Agreed — the text is locked\.$/);
    expect(await note.isVisible()).toBe(true);
    await expect.poll(() => clauseText(us, CLAUSE).getAttribute('aria-readonly'), LIVE).toBe('true');

    await clauseText(us, CLAUSE).click();
    await us.keyboard.type(' xyz');
    await select(us, CLAUSE, DELETED);
    await us.keyboard.press('Delete');
    await us.keyboard.press('Backspace');
    await us.keyboard.type('something else');
    // (A space typed outside an editable text scrolls the page, as it does anywhere in a browser.)
    await card(us, CLAUSE).scrollIntoViewIfNeeded();
    await shot(us, '11-us-locked');
    // Given time to travel had anything been sent: the text is as agreed on the delegate's page, on Norway's and on the server.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(await readClauseText(us, CLAUSE)).toBe(DECIDED);
    expect(await readClauseText(no, CLAUSE)).toBe(DECIDED);
    expect(await passagesIn(us, CLAUSE)).toEqual([]);
    expect(await serverClause(clauseId)).toEqual({ text: DECIDED, proposals: 0 });
    expect((await reader.get(`/api/drafts/${draftId}/amendments`)).body).toEqual([]);
  });
});
