import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { newBrowserSession } from './browser.js';
import { TEST_PASSWORD } from './testServer.js';

/** Signs in through the sign-in form of a fresh page; resolves on the drafts list. */
export async function signInThroughForm(page: Page, email: string, password = TEST_PASSWORD): Promise<void> {
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(/\/drafts$/);
}

/**
 * A new browser context (its own cookies, like another person's computer) signed in as `email` and showing
 * the draft at `/drafts/<draftId>` once its text has arrived from the sync server.
 */
export async function openDraftAs(browser: Browser, baseURL: string, email: string, draftId: string): Promise<Page> {
  const { page } = await newBrowserSession(browser, baseURL);
  await signInThroughForm(page, email);
  await page.goto(`/drafts/${draftId}`);
  await waitForDraftText(page);
  return page;
}

/** Resolves once the draft page shows its clauses (the first sync is done). */
export async function waitForDraftText(page: Page): Promise<void> {
  await page.locator('.clause-list').waitFor();
}

/** A clause number in the words its text is named with: "OP3bis" -> "Operative paragraph 3bis". */
export function clauseNumberInWords(number: string): string {
  const kind = number.startsWith('PP') ? 'Preambular paragraph' : 'Operative paragraph';
  return `${kind} ${number.slice(2)}`;
}

/** The accessible name of a clause's text: its number in words, then a comma and its heading, if any. */
export function clauseTextName(number: string): RegExp {
  return new RegExp(`^${clauseNumberInWords(number)}(,|$)`);
}

/** The body of the clause with this number ("OP1"), as the textbox a person would click into. */
export function clauseText(page: Page, number: string) {
  return page.getByRole('textbox', { name: clauseTextName(number) });
}

/** Puts the caret at the end (or start) of a clause body, as a click and a key press would. */
export async function placeCaret(page: Page, number: string, where: 'start' | 'end'): Promise<void> {
  await clauseText(page, number).click();
  await expect
    .poll(
      () =>
        clauseText(page, number).evaluate((element) => (element as HTMLElement).isContentEditable && element === document.activeElement),
      { timeout: 10_000 },
    )
    .toBe(true);
  await page.keyboard.press(where === 'start' ? 'Control+Home' : 'Control+End');
}

/**
 * The plain text of a clause body as a reader sees it, without the name labels of other people's carets
 * (which are drawn inside the text).
 */
export async function readClauseText(page: Page, number: string): Promise<string> {
  return clauseText(page, number).evaluate((element) => {
    const copy = element.cloneNode(true) as HTMLElement;
    for (const caret of copy.querySelectorAll('.remote-caret')) caret.remove();
    return copy.textContent ?? '';
  });
}

/** The display numbers of the clauses in reading order, as the page shows them (sections excluded). */
export async function readClauseNumbers(page: Page): Promise<string[]> {
  return page.locator('.clause:not(.clause-section) .clause-number').allTextContents();
}

/** The text of the save indicator ("All changes saved", "Saving…" ...). */
export async function readSaveStatus(page: Page): Promise<string> {
  return (await page.getByTestId('save-status').locator('.save-status-label').textContent()) ?? '';
}
