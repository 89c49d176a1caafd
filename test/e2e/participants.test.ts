import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { axeViolations } from '../helpers/axe.js';
import { launchBrowser } from '../helpers/browser.js';
import { starterDraftId } from '../helpers/collabClient.js';
import { clauseText, openDraftAs, readSaveStatus } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };
/** CLOSE_CODE_MESSAGE.FORBIDDEN, as the page shows a socket closed with 4403. */
const NO_ACCESS = 'You do not have access to this draft.';

let server: TestServer;
let browser: Browser;
let draftId: string;
let title: string;
let secretariat: Page;
let norway: Page;
/** Norway's drafts list, open in another tab of the same browser. */
let norwayList: Page;
let us: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  draftId = await starterDraftId(server);
  const api = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  title = (await api.get(`/api/drafts/${draftId}`)).body.title;
  // A second draft everyone keeps, so the Norwegian list is not empty once the first is gone.
  expect((await api.post('/api/drafts', { title: 'Open consultation text' })).status).toBe(201);
  secretariat = await openDraftAs(browser, server.url, 'secretariat@example.org', draftId);
  norway = await openDraftAs(browser, server.url, 'no@example.org', draftId);
  norwayList = await norway.context().newPage();
  await norwayList.goto('/drafts');
  us = await openDraftAs(browser, server.url, 'us@example.org', draftId);
});

/** OP1's text as the server's live document has it. */
function op1OnServer(): Promise<string> {
  return server.rooms.read(draftId, (doc) => readParagraphs(readOrderedClauses(doc).find((c) => c.kind === 'operative')!.body).join('\n'));
}

describe('the secretariat restricts a draft to one delegation while another has it open', () => {
  it('chooses the participants in a dialog from the draft’s More menu', async () => {
    // Norway types first: what it saved stays in the draft after it is left out.
    await clauseText(norway, 'OP1').click();
    await norway.keyboard.press('Control+End');
    await norway.keyboard.type(' Norway was here.');
    await expect.poll(op1OnServer, WAIT).toMatch(/ Norway was here\.$/);
    await expect.poll(() => readSaveStatus(norway), WAIT).toBe('All changes saved');

    await norwayList.getByRole('link', { name: title }).waitFor(WAIT);
    const more = secretariat.getByRole('button', { name: 'More actions' });
    await more.click();
    await secretariat.getByRole('button', { name: 'Participants…' }).click();
    const dialog = secretariat.getByRole('dialog', { name: 'Participants' });
    await dialog.waitFor(WAIT);
    // Everyone takes part until the secretariat chooses otherwise; the choice has focus.
    const everyone = dialog.getByRole('radio', { name: /^Everyone/ });
    await expect.poll(() => everyone.isChecked(), WAIT).toBe(true);
    expect(await everyone.evaluate((element) => element === document.activeElement)).toBe(true);
    await dialog.getByRole('radio', { name: /^Chosen delegations and members/ }).check();
    await dialog.getByRole('group', { name: 'Delegations' }).getByRole('checkbox', { name: 'United States' }).check();
    // Reviewers (and single delegates) are chosen by name.
    const byName = dialog.getByRole('group', { name: 'Members by name' });
    expect(await byName.getByRole('checkbox', { name: /^Amara Okafor/ }).isChecked()).toBe(false);
    expect(await byName.getByRole('checkbox', { name: /^Helena Brandt/ }).count()).toBe(0);
    await secretariat.screenshot({ path: `${SHOTS}/participants-dialog.png` });
    expect(await axeViolations(secretariat)).toEqual([]);
    await dialog.getByRole('button', { name: 'Save participants' }).click();

    await dialog.waitFor({ state: 'hidden', ...WAIT });
    // Focus goes back to the menu's button, which opened the dialog.
    await expect.poll(() => more.evaluate((element) => element === document.activeElement), WAIT).toBe(true);
    const usDelegation = (await (await new ApiClient(server.url).signIn('us@example.org', TEST_PASSWORD)).get('/api/me')).body.delegation
      .id;
    const summary = await (await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD)).get(`/api/drafts/${draftId}`);
    expect(summary.body.participants).toEqual({ delegationIds: [usDelegation], memberIds: [] });
  });

  it('tells the Norwegian delegate at once that they no longer have access, and nothing they saved is lost', async () => {
    const alert = norway.getByRole('alert').filter({ hasText: NO_ACCESS });
    await alert.waitFor(WAIT);
    // The text they may no longer read is gone from the page too.
    await expect.poll(() => norway.locator('.clause-list').count(), WAIT).toBe(0);
    await norway.screenshot({ path: `${SHOTS}/participants-removed.png` });
    expect(await axeViolations(norway)).toEqual([]);
    expect(await op1OnServer()).toMatch(/ Norway was here\.$/);
    // The participating delegation and the secretariat keep working.
    expect(await us.getByRole('alert').filter({ hasText: NO_ACCESS }).count()).toBe(0);
    expect(await secretariat.getByRole('alert').filter({ hasText: NO_ACCESS }).count()).toBe(0);
    await clauseText(us, 'OP1').click();
    await us.keyboard.press('Control+End');
    await us.keyboard.type(' And the US.');
    await expect.poll(op1OnServer, WAIT).toMatch(/ Norway was here\. And the US\.$/);
  });

  it('no longer lists the draft for the Norwegian delegate, nor opens it', async () => {
    // The list open in the other tab drops it at once, without a reload.
    await expect.poll(() => norwayList.getByRole('link', { name: title }).count(), WAIT).toBe(0);
    expect(await norwayList.getByRole('link', { name: 'Open consultation text' }).count()).toBe(1);
    await norway.getByRole('link', { name: 'Back to all drafts' }).click();
    await norway.waitForURL(/\/drafts$/);
    await norway.getByRole('link', { name: 'Open consultation text' }).waitFor(WAIT);
    expect(await norway.getByRole('link', { name: title }).count()).toBe(0);
    await norway.goto(`/drafts/${draftId}`);
    await norway.getByText('There is no draft at this address.').waitFor(WAIT);
  });
});
