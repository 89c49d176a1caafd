import type { ClauseText } from '../../shared/export/DraftText.js';

/**
 * A clause's heading line as every format shows it: "OP1. Consider human rights", "PP2" when the clause has
 * no heading, the heading alone for a section, or '' for a section without one (formats then print no heading).
 */
export function clauseTitle(clause: Pick<ClauseText, 'number' | 'heading'>): string {
  if (clause.number === null) return clause.heading;
  return clause.heading ? `${clause.number}. ${clause.heading}` : clause.number;
}
