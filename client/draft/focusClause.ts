/**
 * Puts keyboard focus into a clause: its text (which mounts the editor if it was a preview), or its
 * heading field for a section or when asked, or else the clause itself (reviewers, whose text cannot take
 * focus). Scrolls it into view. False when the clause is not on the page.
 * @param scroll 'start' brings the clause to the top (outline jumps); 'nearest' scrolls only if needed. @default 'nearest'
 */
export function focusClause(id: string, target: 'text' | 'heading' = 'text', scroll: 'start' | 'nearest' = 'nearest'): boolean {
  const card = document.querySelector<HTMLElement>(`[data-clause-id="${CSS.escape(id)}"]`);
  if (!card) return false;
  const text = card.querySelector<HTMLElement>('.clause-body [role="textbox"][tabindex], .clause-body [contenteditable="true"]');
  const heading = card.querySelector<HTMLTextAreaElement>('[data-heading-field]:not([readonly])');
  const element = (target === 'text' ? text : null) ?? heading ?? card;
  card.scrollIntoView({ block: scroll });
  element.focus({ preventScroll: true });
  return true;
}
