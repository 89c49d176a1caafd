import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readProposals } from '../../shared/amendments/proposals.js';
import { CLOSE_CODE_MESSAGE } from '../../shared/collab/closeCodes.js';
import { isId } from '../../shared/ids.js';
import { launchBrowser } from '../helpers/browser.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../helpers/collabClient.js';
import { selectPhrase, waitForClauseEditor } from '../helpers/commentsPage.js';
import { clauseText, openDraftAs, readClauseText } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };
/** Live changes reach other pages within a second; half a second more for a busy test machine. */
const LIVE = { timeout: 1_500 };

let server: TestServer;
let browser: Browser;
let draftId: string;
let secretariatApi: ApiClient;
let usDelegation: string;
/** James Carter, United States delegate. */
let us: Page;
/** Lars Haugen, Norway delegate. */
let no: Page;
/** Helena Brandt, secretariat. */
let secretariat: Page;
/** The secretariat's stock client, to read the document as the server holds it. */
let reader: CollabClient;

/** The proposal passages in a clause's text as "+text|tag" or "-text|tag". */
async function passagesIn(page: Page, number: string): Promise<string[]> {
  return clauseText(page, number)
    .locator('.proposal')
    .evaluateAll((elements) =>
      elements.map((element) => {
        const html = element as HTMLElement;
        // Without the name labels of other people's carets, which are drawn inside the text.
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

/** Puts the caret right before or after a phrase of a clause's text, once the editor has taken the selection. */
async function caretAt(page: Page, number: string, side: 'before' | 'after', phrase: string): Promise<void> {
  expect(await selectPhrase(page, number, phrase)).toBe(phrase);
  await expect.poll(() => selectionIsRange(page, number), WAIT).toBe(true);
  await page.keyboard.press(side === 'before' ? 'ArrowLeft' : 'ArrowRight');
  await expect.poll(() => selectionIsRange(page, number), WAIT).toBe(false);
}

/** The clause id of the clause with this number, from its card. */
async function clauseIdOf(page: Page, number: string): Promise<string> {
  const id = await page.locator('article.clause', { has: clauseText(page, number) }).getAttribute('data-clause-id');
  if (!id) throw new Error(`no clause ${number}`);
  return id;
}

function setStatus(clauseId: string, status: string) {
  return secretariatApi.request('PUT', `/api/drafts/${draftId}/clauses/${clauseId}/status`, { status, confirm: true });
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  draftId = await starterDraftId(server);
  secretariatApi = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  const me = await (await new ApiClient(server.url).signIn('us@example.org', TEST_PASSWORD)).get('/api/me');
  usDelegation = (me.body as { delegation: { id: string } }).delegation.id;
  // The mode is switched as anyone's script would (the page's own switch is tested with the amendments journey).
  expect((await secretariatApi.patch(`/api/drafts/${draftId}`, { editingMode: 'amendments' })).status).toBe(200);
  [us, no, secretariat] = await Promise.all([
    openDraftAs(browser, server.url, 'us@example.org', draftId),
    openDraftAs(browser, server.url, 'no@example.org', draftId),
    openDraftAs(browser, server.url, 'secretariat@example.org', draftId),
  ]);
  reader = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'secretariat@example.org') });
  await Promise.all([waitForClauseEditor(us, 'OP1'), waitForClauseEditor(no, 'OP1')]);
}, 60_000);

describe('a delegate’s typing in amendments mode, in Chromium', () => {
  it('becomes an insertion and a deletion of the delegation, which another delegation sees tagged with its name', async () => {
    await caretAt(us, 'OP1', 'before', 'take');
    await us.keyboard.type('duly ');
    await expect.poll(() => passagesIn(us, 'OP1'), WAIT).toEqual(['+duly |United States']);

    expect(await selectPhrase(us, 'OP1', 'serious ')).toBe('serious ');
    await expect.poll(() => selectionIsRange(us, 'OP1'), WAIT).toBe(true);
    await us.keyboard.press('Backspace');
    await expect.poll(() => passagesIn(us, 'OP1'), WAIT).toEqual(['+duly |United States', '-serious |United States']);

    await expect.poll(() => passagesIn(no, 'OP1'), LIVE).toEqual(['+duly |United States', '-serious |United States']);
    // The struck word is still in the text, struck through; the new one is underlined.
    const text = await readClauseText(no, 'OP1');
    expect(text).toContain('Subscribing States will duly take into account');
    expect(text).toContain('in connection with serious violations');
    const struck = clauseText(no, 'OP1').locator('del.proposal-deletion');
    expect(await struck.evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('line-through');
    await no.screenshot({ path: `${SHOTS}/proposing-seen-by-norway.png` });

    // On the server: two proposals of the United States, with well-formed ids; the page was never refused.
    await eventually(() => readProposals(reader.doc).length === 2, 'the proposals reach the server');
    const proposals = readProposals(reader.doc);
    expect(proposals.map((p) => [p.kind, p.text, p.delegationId])).toEqual([
      ['insertion', 'duly ', usDelegation],
      ['deletion', 'serious ', usDelegation],
    ]);
    expect(proposals.every((p) => isId(p.id))).toBe(true);
    expect(await us.getByTestId('edit-refused').count()).toBe(0);
  });

  it('keeps typing in one place one proposal, and removes the delegation’s own words outright on Backspace', async () => {
    await caretAt(us, 'OP1', 'after', 'duly');
    await us.keyboard.type(' and fully');
    await us.keyboard.press('Backspace');
    await us.keyboard.press('Backspace');
    // One insertion still (the new words joined it), whose last two letters are gone rather than struck.
    await expect
      .poll(async () => (await passagesIn(no, 'OP1')).join(' / '), WAIT)
      .toBe('+duly and ful |United States / -serious |United States');
    await eventually(
      () => readProposals(reader.doc).some((p) => p.kind === 'insertion' && p.text === 'duly and ful '),
      'the server has it',
    );
    expect(readProposals(reader.doc)).toHaveLength(2);
  });

  it('refuses a new paragraph and says why beside the text', async () => {
    await us.keyboard.press('Enter');
    const note = us.locator('article.clause', { has: clauseText(us, 'OP1') }).locator('.clause-edit-note');
    await expect.poll(() => note.textContent(), WAIT).toMatch(/new paragraphs/);
    expect(await clauseText(us, 'OP1').locator('p').count()).toBe(1);
  });

  it('lets neither a delegate nor the secretariat change an agreed clause, until it is reopened', async () => {
    await waitForClauseEditor(us, 'OP3');
    const clauseId = await clauseIdOf(us, 'OP3');
    const before = await readClauseText(us, 'OP3');
    expect((await setStatus(clauseId, 'agreed')).status).toBe(200);

    const usCard = us.locator(`article[data-clause-id="${clauseId}"]`);
    await expect.poll(() => usCard.getByTestId('clause-lock-note').textContent(), WAIT).toMatch(/Agreed — the text is locked\.$/);
    await expect.poll(() => clauseText(us, 'OP3').getAttribute('aria-readonly'), LIVE).toBe('true');
    const secretariatCard = secretariat.locator(`article[data-clause-id="${clauseId}"]`);
    await expect
      .poll(() => secretariatCard.getByTestId('clause-lock-note').textContent(), WAIT)
      .toMatch(/Agreed — locked\. Reopen the clause to change it\.$/);
    await waitForClauseEditor(secretariat, 'OP3');
    expect(await clauseText(secretariat, 'OP3').getAttribute('aria-readonly')).toBe('true');
    expect(await secretariatCard.getByRole('button', { name: /^Delete / }).count()).toBe(0);
    expect(await secretariatCard.getByRole('button', { name: /^Move / }).count()).toBe(0);

    await clauseText(us, 'OP3').click();
    await us.keyboard.type('xyz');
    await clauseText(secretariat, 'OP3').click();
    await secretariat.keyboard.type('xyz');
    expect(await readClauseText(us, 'OP3')).toBe(before);
    expect(await readClauseText(secretariat, 'OP3')).toBe(before);
    await us.screenshot({ path: `${SHOTS}/proposing-locked.png` });

    expect((await setStatus(clauseId, 'reopened')).status).toBe(200);
    await expect.poll(() => clauseText(us, 'OP3').getAttribute('aria-readonly'), WAIT).toBe('false');
    expect(await usCard.getByTestId('clause-lock-note').count()).toBe(0);
  });
});

describe('a change the server refuses', () => {
  it('reopens the draft from the server’s text, says why, and goes on proposing', async () => {
    await waitForClauseEditor(us, 'OP2');
    const before = await readClauseText(us, 'OP2');
    // A direct deletion of accepted words, made past the editor's proposing (marked as if proposed, so its
    // filter lets it through), as a faulty client would send it.
    await clauseText(us, 'OP2').evaluate((element) => {
      type Tr = { delete(from: number, to: number): Tr; setMeta(key: string, value: unknown): Tr };
      type State = { tr: Tr; apply(tr: Tr): State; plugins: Array<{ key: string }> };
      const { view } = (element as HTMLElement & { editor: { view: { state: State; updateState(state: State): void } } }).editor;
      const proposing = view.state.plugins.find((plugin) => plugin.key.startsWith('proposing$'))!.key;
      view.updateState(view.state.apply(view.state.tr.delete(1, 12).setMeta(proposing, true)));
    });
    const notice = us.getByTestId('edit-refused');
    await notice.waitFor(WAIT);
    expect(await notice.textContent()).toContain(CLOSE_CODE_MESSAGE.EDIT_REFUSED);
    expect(await notice.locator('.edit-refused-reason').textContent()).toMatch(/^[A-Z].+\.$/);
    await expect.poll(() => readClauseText(us, 'OP2').catch(() => ''), WAIT).toBe(before);
    expect(await us.locator('.connection-problem').count()).toBe(0);
    expect(await readClauseText(no, 'OP2')).toBe(before);
    await us.screenshot({ path: `${SHOTS}/proposing-refused.png` });

    await notice.getByRole('button', { name: 'Dismiss' }).click();
    expect(await notice.count()).toBe(0);
    await waitForClauseEditor(us, 'OP2');
    await caretAt(us, 'OP2', 'after', 'consult');
    await us.keyboard.type(' regularly');
    await expect.poll(() => passagesIn(no, 'OP2'), WAIT).toEqual(['+ regularly|United States']);
  });
});

describe('structure and headings for a delegate in amendments mode', () => {
  it('leaves moving clauses to the secretariat, has adding and deleting clauses proposed, and options added by everyone', async () => {
    const card = us.locator('article.clause', { has: clauseText(us, 'OP2') });
    await card.hover();
    // Deleting a clause is proposed (test/e2e/clauseProposals.test.ts follows one through), not done.
    expect(await card.getByRole('button', { name: 'Delete OP2' }).count()).toBe(0);
    expect(await card.getByRole('button', { name: 'Propose deletion of OP2' }).getAttribute('aria-disabled')).toBeNull();
    const up = card.getByRole('button', { name: 'Move OP2 up' });
    expect(await up.getAttribute('aria-disabled')).toBe('true');
    expect(await up.getAttribute('title')).toBe('In amendments mode only the secretariat changes the structure');
    await card.getByRole('button', { name: 'Propose a new clause above or below OP2, or add an option' }).click();
    expect(await card.getByRole('button', { name: 'Add option to OP2' }).count()).toBe(1);
    expect(await card.getByRole('button', { name: 'Propose a new operative paragraph below OP2' }).count()).toBe(1);
    expect(await card.getByRole('button', { name: /^Add operative paragraph/ }).count()).toBe(0);
    await us.keyboard.press('Escape');
  });

  it('makes a delegate’s typing in a heading the delegation’s proposals, shown tagged to everyone', async () => {
    const heading = us.getByRole('textbox', { name: 'Heading of OP2' });
    expect(await heading.getAttribute('readonly')).toBeNull();
    const original = await heading.inputValue();
    expect(original.length).toBeGreaterThan(4);
    const struck = original.slice(0, 3);
    await heading.click();
    await us.keyboard.press('End');
    await us.keyboard.type(' and review');
    await us.keyboard.press('Home');
    for (let i = 0; i < struck.length; i += 1) await us.keyboard.press('Shift+ArrowRight');
    await us.keyboard.press('Backspace');
    // The delegate's field reads as their proposals would make it; the struck words stay in the heading.
    expect(await heading.inputValue()).toBe(`${original.slice(3)} and review`);

    const proposals = (page: Page) =>
      page
        .locator('article.clause', { has: clauseText(page, 'OP2') })
        .getByTestId('heading-proposals')
        .locator('.proposal')
        .evaluateAll((elements) =>
          elements.map(
            (e) => `${e.classList.contains('proposal-insertion') ? '+' : '-'}${e.textContent}|${(e as HTMLElement).dataset.tag}`,
          ),
        );
    const expected = [`-${struck}|United States`, '+ and review|United States'];
    await expect.poll(() => proposals(no), WAIT).toEqual(expected);
    await expect.poll(() => proposals(secretariat), WAIT).toEqual(expected);
    // Norway's own field shows the heading as it stands for Norway: the US words proposed, not yet in it.
    expect(await no.getByRole('textbox', { name: 'Heading of OP2' }).inputValue()).toBe(original);
    const held = readProposals(reader.doc).filter((p) => p.inHeading);
    expect(held.map((p) => [p.kind, p.text, p.delegationId])).toEqual([
      ['deletion', struck, usDelegation],
      ['insertion', ' and review', usDelegation],
    ]);
    await no.locator('article.clause', { has: clauseText(no, 'OP2') }).scrollIntoViewIfNeeded();
    await no.screenshot({ path: `${SHOTS}/heading-proposals.png` });

    // The secretariat decides them from the proposals panel, where they are listed as the heading's.
    const panel = secretariat.getByRole('complementary', { name: 'Proposals' });
    if (!(await panel.isVisible())) await secretariat.getByRole('button', { name: /^Proposals/ }).click();
    const insertion = panel.locator(`li.proposal-item[data-proposal-id="${held[1]!.id}"]`);
    expect(await insertion.locator('.proposal-kind').textContent()).toBe('Insert in heading');
    await insertion.getByRole('button', { name: /^Accept the insertion by United States in the heading of OP2/ }).click();
    await panel
      .locator(`li.proposal-item[data-proposal-id="${held[0]!.id}"]`)
      .getByRole('button', { name: /^Reject/ })
      .click();
    const decided = `${original} and review`;
    await expect.poll(() => no.getByRole('textbox', { name: 'Heading of OP2' }).inputValue(), WAIT).toBe(decided);
    await expect.poll(() => heading.inputValue(), WAIT).toBe(decided);
    expect(await no.getByTestId('heading-proposals').count()).toBe(0);
    await eventually(() => readProposals(reader.doc).every((p) => !p.inHeading), 'the decisions to reach the server');

    // Undo takes back the delegate's own proposals only, never the decision: the accepted words stay.
    await heading.click();
    await us.keyboard.press('Control+z');
    await us.keyboard.press('Control+z');
    await us.keyboard.type('!');
    await expect.poll(() => proposals(no), WAIT).toEqual(['+!|United States']);
    expect(await no.getByRole('textbox', { name: 'Heading of OP2' }).inputValue()).toBe(decided);
    expect(await us.getByTestId('edit-refused').count()).toBe(0);
  });
});
