import type { DraftMatch } from './draftMatches.js';
import { revealElement } from './revealElement.js';

function cardOf(clauseId: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`.clause-list [data-clause-id="${CSS.escape(clauseId)}"]`);
}

/**
 * Brings a match into view. A heading match: its heading field. A match in a clause's text: when the
 * clause's editor is mounted, the editor scrolls to its marked match itself (findHighlights); otherwise
 * the clause is scrolled to, which mounts its editor, which then scrolls to the match.
 */
export function revealMatch(match: DraftMatch): void {
  const card = cardOf(match.clauseId);
  if (!card) return;
  if (match.field === 'heading') {
    revealElement(() => card.querySelector<HTMLElement>('[data-heading-field]') ?? card);
  } else if (!card.querySelector('.clause-body .ProseMirror')) {
    card.scrollIntoView({ block: 'center' });
  }
}

/** The first match in a clause that is on screen or below it (where a reader would look next), else 0. */
export function firstMatchFromScreen(matches: readonly DraftMatch[]): number {
  const below = new Map<string, boolean>();
  const index = matches.findIndex(({ clauseId }) => {
    let answer = below.get(clauseId);
    if (answer === undefined) {
      answer = (cardOf(clauseId)?.getBoundingClientRect().bottom ?? -1) >= 0;
      below.set(clauseId, answer);
    }
    return answer;
  });
  return Math.max(index, 0);
}

/** The clause's name as its card gives it ("OP4", "section “Scope”"), for the screen-reader announcement. */
export function clauseNameOnPage(clauseId: string): string {
  const labelId = cardOf(clauseId)?.getAttribute('aria-labelledby');
  return (labelId ? document.getElementById(labelId)?.textContent : null)?.trim() ?? '';
}

/**
 * Marks the heading field holding the current match (a field cannot hold decorations, so the whole field
 * is outlined, `data-find-current`). Returns the function that removes the mark.
 */
export function markHeading(clauseId: string): () => void {
  const field = cardOf(clauseId)?.querySelector<HTMLElement>('[data-heading-field]') ?? null;
  field?.setAttribute('data-find-current', '');
  return () => field?.removeAttribute('data-find-current');
}
