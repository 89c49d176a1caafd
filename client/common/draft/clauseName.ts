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

/** Kind words as a screen reader should hear them at the start of a name. */
const NUMBER_PREFIX: Record<string, string> = { PP: 'Preambular paragraph', OP: 'Operative paragraph' };

/**
 * The accessible name of a clause's text: its kind and number in words, then its heading, e.g.
 * "Operative paragraph 3, Sharing information on threats and risks" or "Operative paragraph 3bis". A long
 * heading is cut after 80 characters; the heading field itself has all of it.
 */
export function clauseTextName(clause: { number: string | null; kind: ClauseKind }, heading: string): string {
  const prefix = clause.number ? NUMBER_PREFIX[clause.number.slice(0, 2)] : undefined;
  const base = prefix && clause.number ? `${prefix} ${clause.number.slice(2)}` : clauseName(clause, heading);
  const text = heading.trim();
  if (!text || !clause.number) return base;
  return `${base}, ${text.length > 80 ? `${text.slice(0, 80)}…` : text}`;
}
