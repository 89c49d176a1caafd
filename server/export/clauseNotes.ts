import { CLAUSE_STATUS_LABELS } from '../../shared/negotiation/clauseStatus.js';
import { POSITION_LABELS } from '../../shared/negotiation/positions.js';
import type { ClauseText } from '../../shared/export/DraftText.js';
import type { BracketMark } from '../../shared/compare/bracketGroups.js';
import { UNKNOWN_DELEGATION } from '../../shared/export/readInlines.js';

/**
 * The negotiation notes every human-readable export (Markdown, HTML, DOCX, PDF) prints around a clause, as
 * plain text the format then escapes and styles, so the formats agree word for word:
 *
 * - under the heading, one short line: the option label and the status with its note,
 *   "Option 2 · Status: Agreed ad ref — pending confirmation by capitals" (either part alone when the other is missing);
 * - instead of the body of a "no text" option, the words "No text" (in italics);
 * - after the body, the positions in one line, ordered by delegation name:
 *   "Positions: Norway — reservation: “on the scope”; United States — supports".
 *
 * Who set the status and when, and each position's delegation id, are left to Akoma Ntoso's metadata and the
 * JSON export: the printed text stays as clean as a clause without a negotiation.
 */

/** What a "no text" option shows in place of a body. */
export const NO_TEXT = 'No text';

/** "Option 2" for a clause in a group of options; null otherwise. */
export function optionLabel(clause: Pick<ClauseText, 'option'>): string | null {
  return clause.option ? `Option ${clause.option.index}` : null;
}

/** "Status: Agreed ad ref — <note>" when the clause's status was ever set; null otherwise. */
export function statusLine(clause: Pick<ClauseText, 'status'>): string | null {
  if (!clause.status) return null;
  const note = oneLine(clause.status.note);
  return `Status: ${CLAUSE_STATUS_LABELS[clause.status.status]}${note ? ` — ${note}` : ''}`;
}

/** The line under a clause heading: option label and status joined by " · "; null when the clause has neither. */
export function clauseMetaLine(clause: Pick<ClauseText, 'option' | 'status'>): string | null {
  const parts = [optionLabel(clause), statusLine(clause)].filter((part): part is string => part !== null);
  return parts.length > 0 ? parts.join(' · ') : null;
}

/** "Positions: Norway — reservation: “…”; United States — supports"; null when no delegation recorded one. */
export function positionsLine(clause: Pick<ClauseText, 'positions'>): string | null {
  if (clause.positions.length === 0) return null;
  const each = clause.positions.map((p) => {
    const label = POSITION_LABELS[p.position].toLowerCase();
    const text = p.text === null ? '' : oneLine(p.text);
    return `${oneLine(p.delegation)} — ${label}${text ? `: “${text}”` : ''}`;
  });
  return `Positions: ${each.join('; ')}`;
}

/** The delegation tag of a bracket: its delegation's name on one line (names come from metadata, not the document). */
export function bracketTag(bracket: BracketMark): string {
  return oneLine(bracket.delegation) || UNKNOWN_DELEGATION;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
