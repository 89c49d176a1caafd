import type { Browser, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, newBrowserSession } from '../helpers/browser.js';
import { readClauseNumbers } from '../helpers/draftPage.js';
import { startShowcaseWorkspace, type ShowcaseWorkspace } from '../helpers/showcaseWorkspace.js';
import { TEST_PASSWORD } from '../helpers/testServer.js';

let workspace: ShowcaseWorkspace;
let browser: Browser;

beforeAll(async () => {
  workspace = await startShowcaseWorkspace();
  browser = await launchBrowser();
}, 120_000);

/** Where focus is, in words, and whether a person can see it: a focus ring, and not covered by anything. */
function focusState(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { name: '(nothing)', problem: 'focus is lost' };
    const label = (el as HTMLInputElement).labels?.[0]?.textContent;
    const name = (el.getAttribute('aria-label') ?? label ?? el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 60) || el.tagName;
    const style = getComputedStyle(el);
    const ring =
      el.matches(':focus-visible') && ((style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none');
    const r = el.getBoundingClientRect();
    const x = Math.min(Math.max(r.left + Math.min(r.width / 2, 12), 0), window.innerWidth - 1);
    const y = Math.min(Math.max(r.top + Math.min(r.height / 2, 12), 0), window.innerHeight - 1);
    const top = document.elementFromPoint(x, y);
    const covered =
      top !== null && !el.contains(top) && !top.contains(el) && !(el as HTMLElement & { control?: Element }).control?.contains(top);
    const offScreen = r.bottom < 0 || r.top > window.innerHeight;
    const problem = !ring
      ? 'no visible focus ring'
      : covered
        ? `covered by <${top.tagName.toLowerCase()} class="${(top as HTMLElement).className}">`
        : offScreen
          ? 'off screen'
          : null;
    return { name, problem };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's name matches, checking at every stop that focus
 * is visible and not hidden under something; fails after `max` presses.
 */
async function tabTo(page: Page, name: RegExp, options: { back?: boolean; max?: number } = {}): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 80); i += 1) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    // A clause preview hands focus to its editor as it mounts: give focus a moment to settle.
    let state = await focusState(page);
    for (let wait = 0; wait < 10 && state.problem === 'focus is lost'; wait += 1) {
      await page.waitForTimeout(50);
      state = await focusState(page);
    }
    seen.push(state.name);
    expect(state.problem, `focus on "${state.name}" after ${seen.join(' | ')}`).toBeNull();
    if (name.test(state.name)) return;
  }
  throw new Error(`never reached ${name} with Tab; passed: ${seen.join(' | ')}`);
}

/** Presses an arrow key (in a toolbar or a radio group) until the focused element's name matches. */
async function arrowTo(page: Page, name: RegExp, key: 'ArrowRight' | 'ArrowDown' = 'ArrowRight', max = 12): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < max; i += 1) {
    const state = await focusState(page);
    seen.push(state.name);
    if (name.test(state.name)) return;
    await page.keyboard.press(key);
  }
  throw new Error(`never reached ${name} with ${key}; passed: ${seen.join(' | ')}`);
}

async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/sign-in');
  await page.getByRole('button', { name: 'Sign in' }).waitFor();
  if (!/^Email address/.test((await focusState(page)).name)) await tabTo(page, /^Email address/, { max: 10 });
  await page.keyboard.type(email);
  await page.keyboard.press('Tab');
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/drafts$/);
  await page.locator('.draft-link').first().waitFor();
}

describe('a keyboard-only journey, with no mouse event at all', () => {
  it('signs in, opens a draft, moves and adds a clause, brackets a passage, comments and opens the history (a delegate)', async () => {
    const { page } = await newBrowserSession(browser, workspace.server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, 'us@example.org');

    await tabTo(page, /^Code of Conduct on Export Controls/);
    await page.keyboard.press('Enter');
    await page.locator('.clause-list').waitFor();

    // Through the outline to OP4's text (OP3 is agreed, so locked), then move OP4 down with Alt+Shift+ArrowDown from inside it.
    await tabTo(page, /^OP4Sharing best practices/);
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
      .toMatch(/^Operative paragraph 4, Sharing best practices/);
    expect((await focusState(page)).problem).toBeNull();
    await page.keyboard.press('Alt+Shift+ArrowDown');
    // Numbers are kept since Rev.1, so the move shows in the order: OP4 now follows OP5.
    await expect.poll(async () => (await readClauseNumbers(page)).join(' ')).toContain('OP5 OP4');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '')).toMatch(
      /^Operative paragraph 4, Sharing best practices/,
    );

    // Add an operative paragraph below it through its "Add…" menu.
    const before = (await readClauseNumbers(page)).length;
    await tabTo(page, /^Add a clause above or below OP4/, { max: 12 });
    await page.keyboard.press('Enter');
    await tabTo(page, /^Add operative paragraph below OP4$/, { max: 8 });
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await readClauseNumbers(page)).length).toBe(before + 1);
    await page.keyboard.type('Subscribing States will report yearly.');

    // Bracket a passage: select the last word, then the toolbar's Bracket button.
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await page.keyboard.press('Control+Shift+ArrowLeft');
    // The editor reads a selection change on the browser's next selectionchange event; a robot's Shift+Tab
    // at once would leave before it (a person's hands take longer): wait until it has read it.
    await expect.poll(() => page.evaluate(() => String(window.getSelection()))).toBe('yearly.');
    await page.waitForTimeout(100);
    await tabTo(page, /^Formatting of |^Bold$/, { back: true, max: 6 });
    await arrowTo(page, /^Bracket$/);
    await page.keyboard.press('Enter');
    await page.locator('.bracket[data-tag="United States"]').filter({ hasText: 'yearly' }).waitFor();

    // Comment on a passage with Ctrl+Alt+M, in OP5 reached through the outline.
    await tabTo(page, /^OP5Industry due diligence/, { back: true, max: 120 });
    await page.keyboard.press('Enter');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? ''))
      .toMatch(/^Operative paragraph 5, Industry due diligence/);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Control+Shift+ArrowLeft');
    await page.keyboard.press('Control+Alt+m');
    const panel = page.getByRole('complementary', { name: 'Comments' });
    await panel.waitFor();
    await expect.poll(async () => (await focusState(page)).name).toMatch(/comment/i);
    await page.keyboard.type('Could we say “dual-use items” here?');
    await tabTo(page, /^Comment$/, { max: 6 });
    await page.keyboard.press('Enter');
    await panel.getByText('Could we say “dual-use items” here?').waitFor();
    // Focus moves to the new thread (not left on the page's body, where Escape would do nothing).
    await expect.poll(async () => (await focusState(page)).name).toMatch(/^Thread started by /);
    // Escape from there closes the panel.
    await page.keyboard.press('Escape');
    await expect.poll(() => panel.isVisible()).toBe(false);

    // Open the history.
    await tabTo(page, /^History$/, { back: true, max: 200 });
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/history$/);
    await page.locator('.version-item').first().waitFor();
    await page.context().close();
  }, 90_000);

  it('signs in and sets a clause’s status through its dialog (the secretariat)', async () => {
    const { page } = await newBrowserSession(browser, workspace.server.url);
    await page.setViewportSize({ width: 1366, height: 768 });
    await signIn(page, 'secretariat@example.org');
    await tabTo(page, /^Code of Conduct on Export Controls/);
    await page.keyboard.press('Enter');
    await page.locator('.clause-list').waitFor();
    await tabTo(page, /^Set status of PP1…$/, { max: 60 });
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    // Focus starts in the status choices (a radio group): arrow keys choose.
    await arrowTo(page, /^Agreed ad ref/, 'ArrowDown');
    expect((await focusState(page)).problem).toBeNull();
    await tabTo(page, /^(Set status|Save)/, { max: 8 });
    await page.keyboard.press('Enter');
    await dialog.waitFor({ state: 'hidden' });
    await page
      .locator('article.clause', { has: page.getByRole('textbox', { name: /^Preambular paragraph 1\b/ }) })
      .locator('.status-badge', { hasText: 'Agreed ad ref' })
      .first()
      .waitFor();
    await page.context().close();
  }, 90_000);
});
