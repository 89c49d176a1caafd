import { mkdir } from 'node:fs/promises';
import type { Browser, Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { starterDraftId } from '../helpers/collabClient.js';
import { openDraftAs, placeCaret, readClauseNumbers, readClauseText, readSaveStatus, clauseTextName } from '../helpers/draftPage.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };
const LABEL = 'Negotiating text';
const ADDED_TEXT = 'Subscribing States will publish an annual report.';

let server: TestServer;
let browser: Browser;
let draftId: string;
let us: Page;
let dk: Page;
let secretariat: Page;
let reviewer: Page;
/** OP1 of the starter text, as it read before anyone typed. */
let originalOp1: string;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  draftId = await starterDraftId(server);
  [us, dk, secretariat, reviewer] = await Promise.all([
    openDraftAs(browser, server.url, 'us@example.org', draftId),
    openDraftAs(browser, server.url, 'dk@example.org', draftId),
    openDraftAs(browser, server.url, 'secretariat@example.org', draftId),
    openDraftAs(browser, server.url, 'reviewer@example.org', draftId),
  ]);
  originalOp1 = await readClauseText(us, 'OP1');
});

async function waitUntilSaved(page: Page): Promise<void> {
  await expect.poll(() => readSaveStatus(page), WAIT).toBe('All changes saved');
}

/** The item of the "All versions" list whose label is `label`. */
function versionItem(page: Page, label: string): Locator {
  return page.locator('.version-item').filter({ has: page.getByRole('heading', { name: label, exact: true }) });
}

/** The compared clause card whose number (on the newer side) is `number`. */
function comparedClause(page: Page, number: string): Locator {
  return page.locator('.compared-clause').filter({ has: page.locator('.clause-number', { hasText: new RegExp(`^${number}$`) }) });
}

describe('saving and publishing a revision', () => {
  it('saves what the delegates typed as a named version from the draft page', async () => {
    await placeCaret(us, 'OP1', 'end');
    await us.keyboard.type(' within available resources');
    await placeCaret(dk, 'PP1', 'end');
    await dk.keyboard.type(' recalling earlier commitments,');
    await Promise.all([waitUntilSaved(us), waitUntilSaved(dk)]);
    await expect.poll(() => readClauseText(secretariat, 'OP1'), WAIT).toMatch(/within available resources$/);

    await secretariat.getByRole('button', { name: 'Save version…' }).click();
    const dialog = secretariat.getByRole('dialog', { name: 'Save a version' });
    await dialog.getByLabel('Label').fill(LABEL);
    await dialog.getByRole('button', { name: 'Save version' }).click();
    await secretariat
      .getByRole('status')
      .filter({ hasText: `Version “${LABEL}” saved.` })
      .waitFor();
    expect(await dialog.isVisible()).toBe(false);
    await secretariat.screenshot({ path: `${SHOTS}/versions-draft-saved.png` });
  });

  it('lists the version in the history with its author and time, and publishes it as Rev.1 with its fingerprint after a warning', async () => {
    await secretariat.getByRole('link', { name: 'History', exact: true }).click();
    await secretariat.waitForURL(/\/history$/);
    const item = versionItem(secretariat, LABEL);
    await item.waitFor();
    expect(await item.locator('.version-meta').first().textContent()).toMatch(/^Helena Brandt · , saved \d{1,2} \w+ 20\d\d at \d\d:\d\d$/);
    // Not final before publishing (it covers the revision number and date), so not shown yet.
    expect(await item.locator('.fingerprint').count()).toBe(0);

    await item.getByRole('button', { name: /^Publish as Rev\.1…/ }).click();
    const dialog = secretariat.getByRole('dialog', { name: 'Publish as Rev.1?' });
    expect(await dialog.textContent()).toContain('This is permanent.');
    await dialog.getByRole('button', { name: 'Publish as Rev.1' }).click();

    await secretariat
      .getByRole('status')
      .filter({ hasText: `“${LABEL}” is published as Rev.1.` })
      .waitFor();
    const revisions = secretariat.getByRole('region', { name: 'Published revisions' });
    await revisions.getByRole('link', { name: `Rev.1: ${LABEL}` }).waitFor();
    expect(await item.locator('.revision-badge').textContent()).toBe('Rev.1');
    const shortFingerprint = await item.locator('.fingerprint code').textContent();
    expect(shortFingerprint).toMatch(/^[0-9a-f]{12}$/);
    expect(await item.locator('.fingerprint code').getAttribute('title')).toMatch(new RegExp(`^sha256 ${shortFingerprint}[0-9a-f]{52}$`));
    // A published revision can no longer be renamed, deleted or published again.
    expect(await item.getByRole('button', { name: /^(Rename|Delete|Publish)/ }).count()).toBe(0);
    await secretariat.screenshot({ path: `${SHOTS}/versions-history.png`, fullPage: true });
  });

  it('shows Rev.1 read-only, laid out like the editor, with a banner naming the revision', async () => {
    await secretariat
      .getByRole('region', { name: 'Published revisions' })
      .getByRole('link', { name: `Rev.1: ${LABEL}` })
      .click();
    await secretariat.waitForURL(/\/versions\/[\w-]{16}$/);
    const banner = secretariat.locator('.version-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/^Rev\.1 — published \d{1,2} \w+ 20\d\d by Helena Brandt — Fingerprint [0-9a-f]{12}/);
    expect(await secretariat.locator('.clause-number').allTextContents()).toEqual([
      'PP1',
      'PP2',
      'PP3',
      'OP1',
      'OP2',
      'OP3',
      'OP4',
      'OP5',
      'OP6',
    ]);
    const op1 = secretariat.locator('.clause').filter({ has: secretariat.locator('.clause-number', { hasText: /^OP1$/ }) });
    expect(await op1.locator('.clause-text').textContent()).toBe(`${originalOp1} within available resources`);
    expect(await secretariat.locator('[contenteditable], input:not([readonly])').count()).toBe(0);
    await secretariat.screenshot({ path: `${SHOTS}/versions-view.png` });
  });
});

describe('comparing Rev.1 with the live draft', () => {
  it('shows the words a delegate replaced and the clause they added since Rev.1 as a redline', async () => {
    // Replace the first word of OP1 and add a clause below OP2.
    await placeCaret(us, 'OP1', 'start');
    await us.keyboard.press('Control+Shift+ArrowRight');
    await us.keyboard.type('Participating');
    await us.getByRole('button', { name: 'Add a clause above or below OP2' }).click();
    await us.getByRole('button', { name: 'Add operative paragraph below OP2' }).click();
    // Numbers are stable after a publication: the clause added below OP2 is OP2bis, the others keep theirs.
    await expect.poll(() => us.evaluate(() => document.activeElement?.getAttribute('aria-label')), WAIT).toMatch(clauseTextName('OP2bis'));
    await us.keyboard.type(ADDED_TEXT);
    await waitUntilSaved(us);
    expect(await readClauseText(us, 'OP1')).toMatch(/^Participating States will .* within available resources$/);

    await secretariat.getByRole('link', { name: '← History' }).click();
    await secretariat.getByRole('link', { name: 'Compare Rev.1 with live', exact: true }).click();
    await secretariat.waitForURL(/\/compare\?from=[\w-]{16}&to=live$/);
    await secretariat.locator('.comparison').waitFor();

    const counts = await secretariat.locator('.compare-count').allTextContents();
    expect(counts).toEqual([
      '1 clause added',
      '0 clauses removed',
      '0 clauses moved',
      '1 clause changed',
      expect.stringMatching(/^\d+ clauses unchanged$/),
    ]);

    const changed = comparedClause(secretariat, 'OP1');
    expect(await changed.locator('.change-badge').allTextContents()).toEqual(['Changed']);
    expect((await changed.locator('ins').allTextContents()).map((text) => text.trim())).toEqual(['Participating']);
    expect((await changed.locator('del').allTextContents()).map((text) => text.trim())).toEqual(['Subscribing']);
    // Screen readers are told which is which, by text the stylesheet adds.
    const spoken = await changed.locator('ins').evaluate((element) => getComputedStyle(element, '::before').content);
    expect(spoken).toContain('insertion');
    expect(await changed.locator('del').evaluate((element) => getComputedStyle(element, '::before').content)).toContain('deletion');

    const added = comparedClause(secretariat, 'OP2bis');
    expect(await added.locator('.change-badge').allTextContents()).toEqual(['Added']);
    expect(await added.locator('.clause-text ins').textContent()).toBe(ADDED_TEXT);

    // Unchanged clauses are folded away; they kept their Rev.1 numbers, so none shows an old one.
    const folded = secretariat.locator('details.unchanged-clauses', {
      has: secretariat.locator('summary', { hasText: '4 unchanged clauses: OP3–OP6' }),
    });
    await folded.locator('summary').click();
    expect(await folded.locator('.compared-clause').count()).toBe(4);
    expect(await folded.locator('.compared-was').count()).toBe(0);
    await secretariat.screenshot({ path: `${SHOTS}/versions-compare.png`, fullPage: true });
  });
});

describe('what each role is offered', () => {
  it('shows a reviewer History but no Save version, and in the history no Publish, Restore, Rename or Delete', async () => {
    await reviewer.getByRole('link', { name: 'History', exact: true }).waitFor();
    expect(await reviewer.getByRole('button', { name: 'Save version…' }).count()).toBe(0);
    await reviewer.getByRole('link', { name: 'History', exact: true }).click();
    await versionItem(reviewer, LABEL).waitFor();
    expect(await reviewer.getByRole('button', { name: /^(Save version|Publish|Restore|Rename|Delete)/ }).count()).toBe(0);
    expect(await reviewer.getByRole('button', { name: /^Export/ }).count()).toBeGreaterThan(0);
    await reviewer.screenshot({ path: `${SHOTS}/versions-history-reviewer.png`, fullPage: true });
  });

  it('lets a delegate save versions and rename their own, but not publish or restore', async () => {
    await dk.getByRole('button', { name: 'Save version…' }).click();
    const dialog = dk.getByRole('dialog', { name: 'Save a version' });
    await dialog.getByLabel('Label').fill('Danish proposal');
    await dialog.getByRole('button', { name: 'Save version' }).click();
    await dk.getByRole('status').filter({ hasText: 'Version “Danish proposal” saved.' }).waitFor();
    await dk.getByRole('link', { name: 'History', exact: true }).click();

    const own = versionItem(dk, 'Danish proposal');
    await own.getByRole('button', { name: /^Rename/ }).click();
    const rename = dk.getByRole('dialog', { name: 'Rename “Danish proposal”' });
    await rename.getByLabel('Label').fill('Danish proposal, revised');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await versionItem(dk, 'Danish proposal, revised').waitFor();
    // The reviewer's open history follows along.
    await versionItem(reviewer, 'Danish proposal, revised').waitFor();
    expect(await dk.getByRole('button', { name: /^(Publish|Restore)/ }).count()).toBe(0);
    expect(
      await versionItem(dk, LABEL)
        .getByRole('button', { name: /^(Rename|Delete)/ })
        .count(),
    ).toBe(0);
  });
});

describe('restoring Rev.1', () => {
  it('brings Rev.1’s text back into a delegate’s open editor live, after a warning, and keeps the replaced text as a version', async () => {
    await secretariat.getByRole('link', { name: '← History' }).click();
    await versionItem(secretariat, LABEL)
      .getByRole('button', { name: /^Restore Rev\.1/ })
      .click();
    const dialog = secretariat.getByRole('dialog', { name: `Restore Rev.1 “${LABEL}”?` });
    expect(await dialog.textContent()).toContain('Everyone with the draft open sees the text change at once.');
    await dialog.getByRole('button', { name: 'Restore into the live draft' }).click();
    await secretariat
      .getByRole('status')
      .filter({ hasText: `Rev.1 “${LABEL}” was restored into the live draft.` })
      .waitFor();

    // The delegate did nothing: the restored text simply arrives in the editor.
    await expect.poll(() => readClauseText(us, 'OP1'), WAIT).toBe(`${originalOp1} within available resources`);
    await expect.poll(() => readClauseNumbers(us), WAIT).toEqual(['PP1', 'PP2', 'PP3', 'OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6']);
    expect(await us.getByText(ADDED_TEXT).count()).toBe(0);
    await us
      .getByRole('status')
      .filter({ hasText: `Helena Brandt restored Rev.1 “${LABEL}”.` })
      .waitFor();

    // Nothing is lost: the text before the restore is a version, and it shows up in every open history.
    const backup = `Before restoring Rev.1 “${LABEL}”`;
    for (const page of [secretariat, reviewer, dk]) await versionItem(page, backup).waitFor();
    await reviewer
      .getByRole('status')
      .filter({ hasText: `Helena Brandt restored Rev.1 “${LABEL}” into the live draft.` })
      .waitFor();
    await us.evaluate(() => window.scrollTo(0, 0));
    await us.screenshot({ path: `${SHOTS}/versions-restored-editor.png` });
  });
});
