import type { ClauseKind } from '../../../shared/doc/schema.js';

/** Words for each kind of clause, for buttons and announcements ("Add operative paragraph below"). */
export const CLAUSE_KIND_LABEL: Record<ClauseKind, string> = {
  preambular: 'preambular paragraph',
  operative: 'operative paragraph',
  section: 'section heading',
};

/**
 * How the page names a clause to people: its number ("OP2"), or for a section "section" plus its
 * heading ("section Preamble"), so every button label says which clause it acts on.
 */
export function clauseName(clause: { number: string | null; kind: ClauseKind }, heading: string): string {
  if (clause.number) return clause.number;
  const text = heading.trim();
  return text ? `section “${text.length > 40 ? `${text.slice(0, 40)}…` : text}”` : 'untitled section';
}
