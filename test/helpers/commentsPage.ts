import type { Page } from 'playwright-core';
import { clauseText } from './draftPage.js';

const WAIT = { timeout: 10_000 };

/** The comments side panel (a complementary region named by its heading). */
export function commentsPanel(page: Page) {
  return page.getByRole('complementary', { name: /comments/i });
}

/** The comment badge on the card of the clause with this number ("OP1"). */
export function clauseCommentBadge(page: Page, number: string) {
  return page.locator('article.clause').getByRole('button', { name: new RegExp(`^Comments on ${number}:`) });
}

/** Resolves once the clause's text is a live editor (not the static preview shown far from the viewport). */
export async function waitForClauseEditor(page: Page, number: string): Promise<void> {
  await clauseText(page, number).scrollIntoViewIfNeeded();
  await clauseText(page, number).and(page.locator('.ProseMirror')).waitFor(WAIT);
}

/**
 * Selects a phrase of a clause's text with the mouse, as a person would: press before its first
 * character, drag to after its last. Resolves with the text the browser then reports as selected.
 */
export async function selectPhrase(page: Page, number: string, phrase: string): Promise<string> {
  await waitForClauseEditor(page, number);
  const ends = await clauseText(page, number).evaluate((element, wanted) => {
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node as Text;
      const at = text.data.indexOf(wanted);
      if (at < 0) continue;
      const range = document.createRange();
      range.setStart(text, at);
      range.setEnd(text, at + wanted.length);
      const rects = [...range.getClientRects()];
      const first = rects[0]!;
      const last = rects.at(-1)!;
      return { x1: first.left + 1, y1: first.top + first.height / 2, x2: last.right - 1, y2: last.top + last.height / 2 };
    }
    return null;
  }, phrase);
  if (!ends) throw new Error(`"${phrase}" is not in the text of ${number}`);
  await page.mouse.move(ends.x1, ends.y1);
  await page.mouse.down();
  await page.mouse.move(ends.x2, ends.y2, { steps: 8 });
  await page.mouse.up();
  return page.evaluate(() => document.getSelection()?.toString() ?? '');
}

/** The text of the marked (highlighted) passages in a clause's text, in document order. */
export async function highlightedPassages(page: Page, number: string): Promise<string[]> {
  return clauseText(page, number).evaluate((element) => {
    const threads = new Map<string, string>();
    for (const mark of element.querySelectorAll<HTMLElement>('.comment-highlight')) {
      const copy = mark.cloneNode(true) as HTMLElement;
      for (const caret of copy.querySelectorAll('.remote-caret')) caret.remove();
      const id = mark.dataset.commentThread ?? '';
      threads.set(id, (threads.get(id) ?? '') + (copy.textContent ?? ''));
    }
    return [...threads.values()];
  });
}
