import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readProposals } from '../../shared/amendments/proposals.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { DELETION_MARK, INSERTION_MARK } from '../../shared/doc/schema.js';
import { axeViolations } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { eventually, openCollabClient, signInCookie, starterDraftId, type CollabClient } from '../helpers/collabClient.js';
import { openDraftAs } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };
/** Live changes reach other pages within a second; half a second more for a busy test machine. */
const LIVE = { timeout: 1_500 };
const INSERTED = 'Where national law permits, ';
const DELETED = 'Subscribing';

let server: TestServer;
let browser: Browser;
let draftId: string;
let usDelegation: string;
let noDelegation: string;
/** Helena Brandt, secretariat. */
let secretariat: Page;
/** Lars Haugen, Norway delegate. */
let no: Page;
/** A stock y-websocket client signed in as the United States delegate. */
let us: CollabClient;

/** The first paragraph's text of the n-th operative clause, in a Node-side document. */
function operativeText(doc: Y.Doc, index: number): Y.XmlText {
  const clause = readOrderedClauses(doc).filter((c) => c.kind === 'operative')[index]!;
  return (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** A proposal passage on a page, by its proposal id. */
function passage(page: Page, id: string) {
  return page.locator(`.clause-list .proposal[data-proposal-id="${id}"]`);
}

/** The proposals panel. */
function panel(page: Page) {
  return page.getByRole('complementary', { name: 'Proposals' });
}

/** The outline's count of undecided proposals. */
function outlineProposals(page: Page) {
  return page.getByRole('navigation', { name: 'Outline' }).locator('.outline-counts').getAttribute('data-proposals');
}

/** Proposes, as the United States delegate's stock client: an insertion in OP1 and the deletion of OP2's first word. */
async function proposeAsUs(insertionId: string, deletionId: string): Promise<void> {
  us.doc.transact(() => {
    operativeText(us.doc, 0).insert(0, INSERTED, { [INSERTION_MARK]: { id: insertionId, delegation: usDelegation } });
    operativeText(us.doc, 1).format(0, DELETED.length, { [DELETION_MARK]: { id: deletionId, delegation: usDelegation } });
  });
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  draftId = await starterDraftId(server);
  const delegationOf = async (email: string) =>
    ((await (await new ApiClient(server.url).signIn(email, TEST_PASSWORD)).get('/api/me')).body as { delegation: { id: string } })
      .delegation.id;
  [usDelegation, noDelegation] = await Promise.all([delegationOf('us@example.org'), delegationOf('no@example.org')]);
  [secretariat, no] = await Promise.all([
    openDraftAs(browser, server.url, 'secretariat@example.org', draftId),
    openDraftAs(browser, server.url, 'no@example.org', draftId),
  ]);
  us = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
}, 60_000);

describe('amendments on the draft page', () => {
  it('lets the secretariat switch the draft to amendments mode, which another page shows at once', async () => {
    const badge = (page: Page) => page.locator('.editing-mode-badge');
    expect(await badge(no).textContent()).toBe('Direct editing');
    // In direct mode with no proposals there is nothing to switch between or to list.
    expect(await no.getByRole('button', { name: /^Proposals/ }).count()).toBe(0);
    expect(await no.getByRole('button', { name: /^Switch to/ }).count()).toBe(0);

    await secretariat.getByRole('button', { name: 'Switch to amendments mode' }).click();
    const dialog = secretariat.getByRole('dialog', { name: 'Switch to amendments mode?' });
    expect(await dialog.textContent()).toContain('becomes a proposal of their delegation');
    await dialog.getByRole('button', { name: 'Switch to amendments mode' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    expect(await badge(secretariat).textContent()).toBe('Amendments mode');
    expect(await secretariat.getByRole('button', { name: 'Switch to direct editing' }).count()).toBe(1);

    await expect.poll(() => badge(no).textContent(), LIVE).toBe('Amendments mode');
    expect(await no.locator('.editing-mode-explanation').textContent()).toBe(
      'Your changes are proposals of Norway; the secretariat decides.',
    );
    await no.getByRole('button', { name: /^Proposals/ }).waitFor(LIVE);
    await no
      .getByRole('radiogroup', { name: /^Proposals/ })
      .or(no.locator('.proposal-view'))
      .first()
      .waitFor(LIVE);
    expect(
      (await new ApiClient(server.url).signIn('reviewer@example.org', TEST_PASSWORD).then((api) => api.get(`/api/drafts/${draftId}`))).body
        .editingMode,
    ).toBe('amendments');
  });

  it('shows a delegation’s proposals tagged with its name, counted, and hidden or shown by the view switch', async () => {
    await proposeAsUs('proposalUS000001', 'proposalUS000002');
    const insertion = passage(no, 'proposalUS000001');
    const deletion = passage(no, 'proposalUS000002');
    await insertion.waitFor(WAIT);
    expect(await insertion.textContent()).toBe(INSERTED);
    expect(await insertion.getAttribute('data-tag')).toBe('United States');
    expect(await deletion.textContent()).toBe(DELETED);
    expect(await deletion.evaluate((element) => element.tagName)).toBe('DEL');
    await expect.poll(() => outlineProposals(no), LIVE).toBe('2');
    expect(await no.getByRole('button', { name: /^Proposals/ }).textContent()).toContain('2');
    await no.screenshot({ path: `${SHOTS}/amendments-proposals.png` });

    const view = (label: string) => no.locator('.proposal-view').getByLabel(label, { exact: true }).check();
    await view('Accepted text');
    await expect.poll(() => insertion.isVisible()).toBe(false);
    expect(await deletion.isVisible()).toBe(true);
    // Text proposed for deletion reads as ordinary text there: no strike, no tag.
    expect(await deletion.evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('none');
    expect(await deletion.evaluate((element) => getComputedStyle(element, '::after').content)).toBe('none');
    expect(await no.locator('.proposal-view-summary').textContent()).toMatch(/^Accepted text:/);

    await view('If all accepted');
    await expect.poll(() => deletion.isVisible()).toBe(false);
    expect(await insertion.isVisible()).toBe(true);
    expect(await insertion.evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('none');

    await view('All proposals');
    await expect.poll(() => deletion.isVisible()).toBe(true);
    expect(await insertion.isVisible()).toBe(true);
    expect(await deletion.evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe('line-through');
  });

  it('counts the proposals on the drafts list and tags the draft as in amendments mode', async () => {
    const list = await browser.newPage({ baseURL: server.url });
    await list.context().addCookies(await no.context().cookies());
    await list.goto('/drafts');
    const row = list.locator('tbody tr').first();
    await expect.poll(() => row.locator('.col-counts').getAttribute('data-proposals'), WAIT).toBe('2');
    expect(await row.locator('.col-counts').textContent()).toContain('2 proposals');
    expect(await row.locator('.draft-mode-tag').textContent()).toBe('Amendments');
    await list.close();
  });

  it('lets the secretariat accept one proposal and reject another from the panel, for everyone at once', async () => {
    await secretariat.getByRole('button', { name: /^Proposals/ }).click();
    const list = panel(secretariat);
    await list.waitFor(WAIT);
    expect(await list.locator('.proposals-panel-summary').textContent()).toBe('2 proposals from 1 delegation');
    const items = list.locator('.proposal-item');
    expect(await items.count()).toBe(2);
    expect(await items.locator('.proposal-chip').allTextContents()).toEqual(['United States', 'United States']);
    await secretariat.screenshot({ path: `${SHOTS}/amendments-panel.png` });
    expect(await axeViolations(secretariat)).toEqual([]);
    // A proposal clicked in the text is picked in the open panel.
    await passage(secretariat, 'proposalUS000002').click();
    await expect.poll(() => list.locator('.proposal-item-selected').getAttribute('data-proposal-id'), LIVE).toBe('proposalUS000002');

    const insertionItem = list.locator('.proposal-item[data-proposal-id="proposalUS000001"]');
    await insertionItem.getByRole('button', { name: /^Accept/ }).click();
    // Accepted: the words stay, as ordinary text, on every page.
    await passage(no, 'proposalUS000001').waitFor({ state: 'detached', ...LIVE });
    expect(await no.locator('article.clause').filter({ hasText: INSERTED.trim() }).count()).toBeGreaterThan(0);
    await insertionItem.waitFor({ state: 'detached', ...LIVE });
    // The Accept button left with its proposal: focus went on to the next proposal, to go on from the keyboard.
    await expect
      .poll(() => secretariat.evaluate(() => document.activeElement?.getAttribute('data-proposal-id')), LIVE)
      .toBe('proposalUS000002');

    const deletionItem = list.locator('.proposal-item[data-proposal-id="proposalUS000002"]');
    await deletionItem.getByRole('button', { name: /^Reject/ }).click();
    // Rejected deletion: the words stay, no longer struck through.
    await passage(no, 'proposalUS000002').waitFor({ state: 'detached', ...LIVE });
    await expect.poll(() => outlineProposals(no), LIVE).toBe('0');
    expect(await list.locator('.proposals-panel-summary').textContent()).toBe('No proposals to decide.');
    await eventually(() => readProposals(us.doc).length === 0, 'the decisions to reach another client', 3000);
    expect(operativeText(us.doc, 0).toString().startsWith(INSERTED)).toBe(true);
    expect(operativeText(us.doc, 1).toString().startsWith(DELETED)).toBe(true);
  });

  it('lets the secretariat decide a whole draft at once after saying how many, and a delegation withdraw its own', async () => {
    await proposeAsUs('proposalUS000003', 'proposalUS000004');
    const norway = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'no@example.org') });
    operativeText(norway.doc, 2).insert(0, 'Norway adds this. ', {
      [INSERTION_MARK]: { id: 'proposalNO000001', delegation: noDelegation },
    });

    // Norway's delegate may withdraw Norway's proposal, and decide nothing else.
    await no.getByRole('button', { name: /^Proposals/ }).click();
    const noList = panel(no);
    await noList.locator('.proposal-item').nth(2).waitFor(WAIT);
    expect(await noList.getByRole('button', { name: /^Accept/ }).count()).toBe(0);
    const own = noList.locator('.proposal-item[data-proposal-id="proposalNO000001"]');
    expect(await noList.getByRole('button', { name: /^Withdraw/ }).count()).toBe(1);
    await own.getByRole('button', { name: /^Withdraw/ }).click();
    await passage(secretariat, 'proposalNO000001').waitFor({ state: 'detached', ...LIVE });
    await own.waitFor({ state: 'detached', ...LIVE });
    norway.destroy();

    const list = panel(secretariat);
    await list.locator('.proposal-item').nth(1).waitFor(WAIT);
    await list.getByRole('button', { name: 'Accept all (2)…' }).click();
    const dialog = secretariat.getByRole('dialog', { name: 'Accept 2 proposals?' });
    expect(await dialog.textContent()).toContain('in the whole draft');
    await dialog.getByRole('button', { name: 'Accept 2 proposals' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });
    await expect.poll(() => outlineProposals(no), LIVE).toBe('0');
    // The accepted deletion took its word out; the accepted insertion stays, twice over now.
    await eventually(() => !operativeText(us.doc, 1).toString().startsWith(DELETED), 'the accepted deletion to remove its words', 3000);
    expect(operativeText(us.doc, 0).toString().startsWith(`${INSERTED}${INSERTED}`)).toBe(true);
    expect(await secretariat.locator('[role="status"]').allTextContents()).toContain('Accepted 2 proposals.');
  });
});
