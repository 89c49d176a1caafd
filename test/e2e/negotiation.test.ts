import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../helpers/browser.js';
import { starterDraftId } from '../helpers/collabClient.js';
import { selectPhrase, waitForClauseEditor } from '../helpers/commentsPage.js';
import { clauseText, openDraftAs, readClauseText, clauseTextName } from '../helpers/draftPage.js';
import { startTestServer, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };
/** Live changes reach other pages within a second; half a second more for a busy test machine. */
const LIVE = { timeout: 1_500 };
const PHRASE = 'take into account the risk';
const ALTERNATIVE = 'Subscribing States will consult stakeholders regularly.';
const RESERVATION = 'Australia reserves its position until capitals confirm the resource language.';

let server: TestServer;
let browser: Browser;
let draftId: string;
/** James Carter, United States delegate. */
let us: Page;
/** Mette Sørensen, Denmark delegate. */
let dk: Page;
/** Helena Brandt, secretariat. */
let secretariat: Page;

/** The outline's totals of the draft: "2 brackets · 0 options". */
function outlineTotals(page: Page) {
  return page.getByRole('navigation', { name: 'Outline' }).locator('.outline-counts');
}

/** The bracketed passages of a clause as "text|delegation" (the brackets and tag are drawn around them). */
async function bracketsIn(page: Page, number: string): Promise<string[]> {
  return clauseText(page, number)
    .locator('.bracket')
    .evaluateAll((elements) =>
      elements.map(
        (element) => `${(element.querySelector('.bracket-text') ?? element).textContent}|${(element as HTMLElement).dataset.tag}`,
      ),
    );
}

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  draftId = await starterDraftId(server);
  [us, dk, secretariat] = await Promise.all([
    openDraftAs(browser, server.url, 'us@example.org', draftId),
    openDraftAs(browser, server.url, 'dk@example.org', draftId),
    openDraftAs(browser, server.url, 'secretariat@example.org', draftId),
  ]);
  await Promise.all([waitForClauseEditor(us, 'OP1'), waitForClauseEditor(dk, 'OP1')]);
});

describe('brackets, status and positions between three browsers', () => {
  it('lets a delegate bracket a phrase, which another delegation sees with its tag while the counts rise', async () => {
    expect(await outlineTotals(dk).getAttribute('data-brackets')).toBe('0');
    expect(await selectPhrase(us, 'OP1', PHRASE)).toBe(PHRASE);
    await us
      .getByRole('toolbar', { name: 'Formatting of Operative paragraph 1', exact: true })
      .getByRole('button', { name: 'Bracket', exact: true })
      .click();
    await expect.poll(() => bracketsIn(us, 'OP1'), WAIT).toEqual([`${PHRASE}|United States`]);

    await expect.poll(() => bracketsIn(dk, 'OP1'), LIVE).toEqual([`${PHRASE}|United States`]);
    await expect.poll(() => outlineTotals(dk).getAttribute('data-brackets'), LIVE).toBe('1');
    expect(await outlineTotals(dk).textContent()).toMatch(/^1 bracket\b/);
    const outlineBadge = dk.getByRole('navigation', { name: 'Outline' }).locator('.outline-badge-brackets');
    // "[1]" on screen, "[1], 1 bracket" to a screen reader.
    expect(await outlineBadge.allTextContents()).toEqual([expect.stringMatching(/^\[1\]/)]);
    // The text itself is unchanged: the brackets and the tag are drawn, not typed.
    expect(await readClauseText(dk, 'OP1')).toContain(PHRASE);
    await dk.screenshot({ path: `${SHOTS}/negotiation-bracket-seen.png` });
  });

  it('lets a delegate add an option and the secretariat settle the clause on it, for everyone at once', async () => {
    await waitForClauseEditor(us, 'OP2');
    await us.getByRole('button', { name: 'Add a clause above or below OP2, or an option', exact: true }).click();
    await us.getByRole('button', { name: 'Add option to OP2', exact: true }).click();
    await expect.poll(() => us.evaluate(() => document.activeElement?.getAttribute('aria-label')), WAIT).toMatch(clauseTextName('OP2alt'));
    await us.keyboard.type(ALTERNATIVE);
    await expect.poll(() => outlineTotals(dk).getAttribute('data-options'), LIVE).toBe('2');
    const label = dk
      .locator('article.clause', { has: dk.getByRole('textbox', { name: clauseTextName('OP2alt') }) })
      .locator('.option-label');
    expect(await label.textContent()).toBe('Option 2 of 2');

    await secretariat.getByRole('button', { name: 'Settle on this option, OP2alt' }).click();
    await secretariat
      .getByRole('dialog', { name: 'Settle on OP2alt?' })
      .getByRole('button', { name: 'Settle on this option', exact: true })
      .click();
    // The kept alternative takes over the clause's place and number; the other option leaves the text.
    await expect.poll(() => readClauseText(dk, 'OP2').catch(() => ''), WAIT).toBe(ALTERNATIVE);
    expect(await dk.getByRole('textbox', { name: clauseTextName('OP2alt') }).count()).toBe(0);
    await expect.poll(() => outlineTotals(dk).getAttribute('data-options'), LIVE).toBe('0');
  });

  it('counts the bracket on the drafts list too', async () => {
    const list = await browser.newPage({ baseURL: server.url });
    await list.context().addCookies(await secretariat.context().cookies());
    await list.goto('/drafts');
    await expect.poll(() => list.locator('tbody tr .col-counts').first().textContent(), WAIT).toMatch(/^1 bracket\b/);
    await list.close();
  });

  it('lets the secretariat mark the clause agreed ad ref with a note, which the delegates see live', async () => {
    await secretariat.getByRole('button', { name: 'Set status of OP1…' }).click();
    const dialog = secretariat.getByRole('dialog', { name: 'Set the status of OP1' });
    await dialog.getByLabel('Agreed ad ref', { exact: true }).check();
    await dialog.getByLabel('Note (optional)').fill('Pending confirmation from capitals.');
    await dialog.getByRole('button', { name: 'Set status' }).click();
    // OP1 still holds the US bracket: the secretariat is asked once more, with how many.
    await expect.poll(() => dialog.getByRole('alert').textContent(), WAIT).toBe('OP1 still has 1 bracket. Agree it ad ref anyway?');
    await dialog.getByRole('button', { name: 'Agree ad ref anyway' }).click();
    await dialog.waitFor({ state: 'hidden', ...WAIT });

    const badge = us.getByRole('button', { name: 'Status of OP1: Agreed ad ref. Show the history' });
    await badge.waitFor(LIVE);
    await expect.poll(() => us.locator('.outline-status[data-status="agreed-ad-ref"]').count(), LIVE).toBe(1);
    await badge.click();
    expect(await us.getByText('Pending confirmation from capitals.').count()).toBeGreaterThan(0);
    await us.screenshot({ path: `${SHOTS}/negotiation-status-history.png` });
    await us.keyboard.press('Escape');
  });

  it('refuses nothing silently: a delegate is offered no status control', async () => {
    expect(await dk.getByRole('button', { name: /^Set status of / }).count()).toBe(0);
    expect(await dk.getByRole('button', { name: 'Our position on OP1…' }).count()).toBe(1);
  });

  it('shows two delegations’ positions in the matrix, with the reservation’s text', async () => {
    await us.getByRole('button', { name: 'Our position on OP1…' }).click();
    const usDialog = us.getByRole('dialog', { name: 'Our position on OP1' });
    await usDialog.getByRole('radio', { name: /^Supports\b/ }).check();
    await usDialog.getByRole('button', { name: 'Save position' }).click();
    await usDialog.waitFor({ state: 'hidden', ...WAIT });

    const au = await openDraftAs(browser, server.url, 'au@example.org', draftId);
    await au.getByRole('button', { name: 'Our position on OP1…' }).click();
    const auDialog = au.getByRole('dialog', { name: 'Our position on OP1' });
    await auDialog.getByRole('radio', { name: /^Reservation\b/ }).check();
    await auDialog.getByLabel('The reservation').fill(RESERVATION);
    await auDialog.getByRole('button', { name: 'Save position' }).click();
    await auDialog.waitFor({ state: 'hidden', ...WAIT });

    await secretariat.getByRole('button', { name: 'More actions' }).click();
    await secretariat.getByRole('link', { name: 'Positions of the delegations' }).click();
    const matrix = secretariat.locator('.positions-matrix');
    await matrix.waitFor(WAIT);
    const op1 = await matrix
      .locator('th.matrix-clause')
      .evaluateAll((cells) => cells.findIndex((cell) => cell.textContent?.trim().startsWith('OP1')));
    expect(op1).toBeGreaterThanOrEqual(0);
    const cellOf = async (delegation: string) =>
      matrix
        .locator('tbody tr', { has: secretariat.getByRole('rowheader', { name: delegation, exact: true }) })
        .locator('td')
        .nth(op1)
        .textContent();
    await expect.poll(() => cellOf('United States'), LIVE).toContain('Supports');
    await expect.poll(() => cellOf('Australia'), LIVE).toContain('Reservation');
    expect(await cellOf('Norway')).not.toMatch(/Supports|Reservation|Opposes|Can live with/);
    expect(await secretariat.locator('.reservation-item').textContent()).toContain(RESERVATION);
    await secretariat.screenshot({ path: `${SHOTS}/negotiation-matrix.png`, fullPage: true });
    await au.context().close();
  });

  it('keeps every change in the audit log the secretariat reads', async () => {
    await secretariat.getByRole('link', { name: '← Code of Conduct on Export Controls and Human Rights' }).click();
    await secretariat.getByRole('button', { name: 'More actions' }).click();
    await secretariat.getByRole('link', { name: 'Audit log' }).click();
    const table = secretariat.locator('.audit-table');
    await table.waitFor(WAIT);
    await expect.poll(() => table.locator('tr[data-action="bracket.added"]').count(), WAIT).toBeGreaterThan(0);
    expect(await table.locator('tr[data-action="clause.status"]').count()).toBe(1);
    expect(await table.locator('tr[data-action="clause.settle"]').count()).toBe(1);
    expect(await table.locator('tr[data-action="clause.position"]').count()).toBe(2);
    await secretariat.screenshot({ path: `${SHOTS}/negotiation-audit.png`, fullPage: true });
  });
});
