/**
 * Scrolls a thread's passage into view in the clause text, or the clause itself when the passage is not
 * marked (the editor is not mounted yet, or the passage is gone). Waits a frame for the marks to update.
 */
export function showThreadInText(clauseId: string, threadId: string): void {
  requestAnimationFrame(() => {
    const mark = document.querySelector(`.clause-body [data-comment-thread="${CSS.escape(threadId)}"]`);
    const card = document.querySelector(`[data-clause-id="${CSS.escape(clauseId)}"]`);
    (mark ?? card)?.scrollIntoView({ block: mark ? 'center' : 'nearest', behavior: 'smooth' });
  });
}
