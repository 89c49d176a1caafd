import { mkdir } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../shared/doc/addClause.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { launchBrowser } from '../helpers/browser.js';
import { openCollabClient, signInCookie, type CollabClient } from '../helpers/collabClient.js';
import { waitForClauseEditor } from '../helpers/commentsPage.js';
import { clauseText, openDraftAs, readClauseText } from '../helpers/draftPage.js';
import { ApiClient } from '../helpers/http.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../helpers/testServer.js';

const SHOTS = '/tmp/shots';
const WAIT = { timeout: 10_000 };
/** Live changes reach other pages within a second; half a second more for a busy test machine. */
const LIVE = { timeout: 1_500 };
const CLAUSES = 40;
/** In the last clause's text only, so finding it means searching a clause far off screen. */
const RARE = 'Zanzibar';

let server: TestServer;
let browser: Browser;
let draftId: string;
let writer: CollabClient;
/** James Carter, United States delegate. */
let us: Page;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launchBrowser();
  await mkdir(SHOTS, { recursive: true });
  const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
  const created = await secretariat.post('/api/drafts', { title: 'Tools draft', template: 'blank' });
  draftId = (created.body as { id: string }).id;
  writer = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'secretariat@example.org') });
  writer.doc.transact(() => {
    for (let i = 1; i < CLAUSES; i += 1)
      addClause(writer.doc, {
        kind: 'operative',
        paragraphs: [`Clause ${i}: subscribing States will share information on the risks they see.`],
      });
    addClause(writer.doc, { kind: 'operative', paragraphs: [`The last clause mentions the ${RARE} archipelago.`] });
  });
  us = await openDraftAs(browser, server.url, 'us@example.org', draftId);
  await us
    .locator('.clause-list .clause')
    .nth(CLAUSES - 1)
    .waitFor({ state: 'attached' });
});

/** The Find region of the page (role search). */
function find(page: Page) {
  return page.getByRole('search', { name: 'Find in this draft' });
}

/** The visible match count ("3 of 12"). */
function matchCount(page: Page) {
  return find(page).locator('.find-count-text').textContent();
}

/** Whether the whole Find bar is on screen, with nothing over its field. */
function findInView(page: Page): Promise<boolean> {
  return find(page).evaluate((bar) => {
    const r = bar.getBoundingClientRect();
    const field = bar.querySelector('input')!.getBoundingClientRect();
    const top = document.elementFromPoint(field.left + 5, field.top + field.height / 2);
    return r.top >= 0 && r.left >= 0 && r.bottom <= window.innerHeight && r.right <= window.innerWidth && top !== null && bar.contains(top);
  });
}

/** Whether the clause's card is at least partly on screen. */
function onScreen(page: Page, number: string): Promise<boolean> {
  return page.locator('article.clause', { has: clauseText(page, number) }).evaluate((card) => {
    const { top, bottom } = card.getBoundingClientRect();
    return bottom > 0 && top < window.innerHeight;
  });
}

/** The text of the strongly marked (current) match in a clause's text, or null. */
function currentMatchIn(page: Page, number: string): Promise<string | null> {
  return clauseText(page, number).evaluate((element) => element.querySelector('.find-match-current')?.textContent ?? null);
}

describe('Find in this draft', () => {
  it('finds a word in a clause far off screen, whose editor is not mounted, and brings it into view marked', async () => {
    expect(await us.locator('.clause-list .clause').last().locator('.ProseMirror').count()).toBe(0);
    await us.getByRole('button', { name: 'Find in this draft' }).click();
    const field = find(us).getByRole('searchbox', { name: 'Find', exact: true });
    await expect.poll(() => us.evaluate(() => document.activeElement?.getAttribute('type')), WAIT).toBe('search');
    await field.fill(RARE.toLowerCase());

    await expect.poll(() => matchCount(us), WAIT).toBe('1 of 1');
    await expect.poll(() => find(us).getByRole('status').textContent(), WAIT).toBe(`1 of 1, OP${CLAUSES}`);
    await expect.poll(() => onScreen(us, `OP${CLAUSES}`), WAIT).toBe(true);
    await expect.poll(() => currentMatchIn(us, `OP${CLAUSES}`), WAIT).toBe(RARE);
    // The page has scrolled far from the action bar: Find floats at the top of the window, whole and in
    // view, and the marked match is not under it.
    await expect.poll(() => findInView(us), WAIT).toBe(true);
    const covered = await us.evaluate(() => {
      const bar = document.querySelector('[role="search"]')!.getBoundingClientRect();
      const match = document.querySelector('.find-match-current')!.getBoundingClientRect();
      return match.top < bar.bottom && match.bottom > bar.top && match.left < bar.right && match.right > bar.left;
    });
    expect(covered).toBe(false);
    await us.screenshot({ path: `${SHOTS}/find-far-clause.png` });
    // Focus stays in the field, for the next Enter.
    expect(await field.evaluate((element) => element === document.activeElement)).toBe(true);
  });

  it('updates live as someone else types a match, and goes between matches with Enter and Shift+Enter', async () => {
    const second = readOrderedClauses(writer.doc)[1]!;
    ((second.body.get(0) as Y.XmlElement).get(0) as Y.XmlText).insert(0, `${RARE.toUpperCase()} `);
    await expect.poll(() => matchCount(us), WAIT).toBe('2 of 2');
    await us.evaluate(() => window.scrollTo(0, 0));
    await us.screenshot({ path: `${SHOTS}/find-bar.png`, clip: { x: 640, y: 140, width: 640, height: 300 } });

    const field = find(us).getByRole('searchbox', { name: 'Find', exact: true });
    await field.press('Enter');
    expect(await matchCount(us)).toBe('1 of 2');
    await expect.poll(() => onScreen(us, 'OP2'), WAIT).toBe(true);
    await expect.poll(() => currentMatchIn(us, 'OP2'), WAIT).toBe(RARE.toUpperCase());
    await field.press('Shift+Enter');
    await expect.poll(() => currentMatchIn(us, `OP${CLAUSES}`), WAIT).toBe(RARE);
    expect(await matchCount(us)).toBe('2 of 2');
    await find(us).getByRole('button', { name: 'Next match' }).click();
    expect(await matchCount(us)).toBe('1 of 2');
  });

  it('finds in clause headings too, outlining the heading field that holds the match', async () => {
    readOrderedClauses(writer.doc)[19]!.heading.insert(0, `${RARE} cooperation`);
    await expect.poll(() => matchCount(us), WAIT).toBe('1 of 3');
    await find(us).getByRole('searchbox', { name: 'Find', exact: true }).press('Enter');
    expect(await matchCount(us)).toBe('2 of 3');
    const heading = us.getByRole('textbox', { name: 'Heading of OP20', exact: true });
    await expect.poll(() => heading.getAttribute('data-find-current'), WAIT).toBe('');
    await expect.poll(() => onScreen(us, 'OP20'), WAIT).toBe(true);
    expect(await us.locator('.find-match-current').count()).toBe(0);
  });

  it('says when nothing matches, and closes with Escape, leaving no marks and focus on Find', async () => {
    const field = find(us).getByRole('searchbox', { name: 'Find', exact: true });
    await field.fill('no such words anywhere');
    await expect.poll(() => matchCount(us), WAIT).toBe('No matches');
    await field.press('Escape');
    expect(await find(us).count()).toBe(0);
    const toggle = us.getByRole('button', { name: 'Find in this draft' });
    expect(await toggle.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await us.locator('.find-match').count()).toBe(0);
  });
});

describe('the keyboard shortcut sheet', () => {
  const sheet = () => us.getByRole('dialog', { name: 'Keyboard shortcuts' });

  it('opens with "?" outside any text, lists the shortcuts in words, and closes with Escape', async () => {
    await us.getByRole('heading', { level: 1 }).focus();
    await us.keyboard.press('?');
    await sheet().waitFor(WAIT);
    expect(await sheet().getByRole('heading', { name: 'Clauses' }).count()).toBe(1);
    const move = sheet().locator('.shortcuts-row', { hasText: 'Move the clause up.' });
    expect((await move.locator('kbd').allTextContents()).join(' ')).toBe('Alt Shift Up arrow');
    expect(
      await sheet()
        .getByRole('button', { name: 'Close' })
        .evaluate((element) => element === document.activeElement),
    ).toBe(true);
    await us.screenshot({ path: `${SHOTS}/shortcuts-sheet.png` });
    await us.keyboard.press('Escape');
    await sheet().waitFor({ state: 'hidden', ...WAIT });
  });

  it('opens from the Help menu and gives focus back to Help when closed', async () => {
    const help = us.getByRole('button', { name: 'Help', exact: true });
    await help.click();
    await us.screenshot({ path: `${SHOTS}/help-menu.png`, clip: { x: 640, y: 0, width: 640, height: 320 } });
    await us.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await sheet().waitFor(WAIT);
    await sheet().getByRole('button', { name: 'Close' }).click();
    await sheet().waitFor({ state: 'hidden', ...WAIT });
    expect(await help.evaluate((element) => element === document.activeElement)).toBe(true);
    expect(await help.getAttribute('aria-expanded')).toBe('false');
  });

  it('leaves "?" to the text when typing in a clause', async () => {
    await waitForClauseEditor(us, 'OP1');
    await clauseText(us, 'OP1').click();
    await us.keyboard.press('Control+End');
    await us.keyboard.type('?');
    await expect.poll(() => readClauseText(us, 'OP1'), WAIT).toMatch(/see\.\?$/);
    expect(await sheet().count()).toBe(0);
    await us.keyboard.press('Backspace');
  });
});

describe('typed square brackets', () => {
  /** The bracketed passages of a clause as "text|delegation tag". */
  async function bracketsIn(page: Page, number: string): Promise<string[]> {
    return clauseText(page, number)
      .locator('.bracket')
      .evaluateAll((elements) =>
        elements.map(
          (element) => `${(element.querySelector('.bracket-text') ?? element).textContent}|${(element as HTMLElement).dataset.tag}`,
        ),
      );
  }

  it('shows the bracket tools in words', async () => {
    await clauseText(us, 'OP1').click();
    const toolbar = us.getByRole('toolbar', { name: 'Formatting of Operative paragraph 1', exact: true });
    expect(await toolbar.getByRole('button', { name: 'Bracket', exact: true }).innerText()).toBe('Bracket');
    expect(await toolbar.getByRole('button', { name: 'Lift brackets', exact: true }).innerText()).toBe('Lift brackets');
  });

  it('keep tools that cannot act now reachable with the arrow keys, saying they are unavailable', async () => {
    await clauseText(us, 'OP1').click();
    await us.keyboard.press('Control+End');
    const toolbar = us.getByRole('toolbar', { name: 'Formatting of Operative paragraph 1', exact: true });
    const bracket = toolbar.getByRole('button', { name: 'Bracket', exact: true });
    // Nothing is selected: Bracket cannot act, and says so, yet arrow keys still land on it.
    await expect.poll(() => bracket.getAttribute('aria-disabled')).toBe('true');
    await toolbar.getByRole('button', { name: 'Bold' }).focus();
    for (let i = 0; i < 8; i += 1) {
      if ((await us.evaluate(() => document.activeElement?.getAttribute('aria-label'))) === 'Bracket') break;
      await us.keyboard.press('ArrowRight');
    }
    expect(await us.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Bracket');
    const before = await readClauseText(us, 'OP1');
    await us.keyboard.press('Enter');
    await us.keyboard.press('Space');
    expect(await clauseText(us, 'OP1').locator('.bracket').count()).toBe(0);
    expect(await readClauseText(us, 'OP1')).toBe(before);
    // Tab leaves the toolbar and Shift+Tab comes back to the same button: the one tab stop never vanishes.
    await us.keyboard.press('Tab');
    await us.keyboard.press('Shift+Tab');
    expect(await us.evaluate(() => document.activeElement?.getAttribute('aria-label'))).toBe('Bracket');
  });

  it('turn a delegate’s "[text]" into their delegation’s bracket, which another delegation sees as such', async () => {
    const dk = await openDraftAs(browser, server.url, 'dk@example.org', draftId);
    await waitForClauseEditor(us, 'OP3');
    await clauseText(us, 'OP3').click();
    await us.keyboard.press('Control+End');
    await us.keyboard.type(' [pending review] Agreed.');
    await expect.poll(() => bracketsIn(us, 'OP3'), WAIT).toEqual(['pending review|United States']);

    await waitForClauseEditor(dk, 'OP3');
    await expect.poll(() => bracketsIn(dk, 'OP3'), WAIT).toEqual(['pending review|United States']);
    await clauseText(us, 'OP3').click();
    await us.screenshot({ path: `${SHOTS}/typed-bracket.png` });
    expect(await readClauseText(dk, 'OP3')).toMatch(/see\. pending review Agreed\.$/);
  });

  it('stay characters in the secretariat’s text', async () => {
    const secretariat = await openDraftAs(browser, server.url, 'secretariat@example.org', draftId);
    await waitForClauseEditor(secretariat, 'OP4');
    await clauseText(secretariat, 'OP4').click();
    await secretariat.keyboard.press('Control+End');
    await secretariat.keyboard.type(' [noted]');
    await expect.poll(() => readClauseText(us, 'OP4').catch(() => ''), { timeout: LIVE.timeout * 4 }).toMatch(/ \[noted\]$/);
    expect(await bracketsIn(secretariat, 'OP4')).toEqual([]);
  });
});
