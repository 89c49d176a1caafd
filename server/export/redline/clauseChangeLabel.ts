import type { ClauseComparison, ClausePlace, RedlineSegment } from '../../../shared/compare/DraftComparison.js';
import { sideName, type RedlineSides } from './RedlineSides.js';

/** Which label a clause gets; also its class in the HTML redline. */
export type ClauseLabelKind = 'added' | 'removed' | 'moved';

/** A label above a clause that came, went or moved, naming its number on each side it is on. */
export interface ClauseChangeLabel {
  kind: ClauseLabelKind;
  text: string;
}

/**
 * The label of an added, removed or moved clause, with its number on each side it is on: "Added in Rev.2
 * as OP5", "Removed: was OP2 in Rev.1", "Moved: OP6 in Rev.1, now OP2 in Rev.2". Sections, which have no
 * number, are named by their heading. Null for a clause that stayed in place (a renumbering shows in its heading).
 */
export function clauseChangeLabel(clause: ClauseComparison, sides: RedlineSides): ClauseChangeLabel | null {
  const { from, to } = clause;
  if (clause.change === 'added' && to)
    return { kind: 'added', text: `Added in ${sideName(sides.to)} as ${placeName(to, clause.heading, 'deleted')}` };
  if (clause.change === 'removed' && from)
    return { kind: 'removed', text: `Removed: was ${placeName(from, clause.heading, 'inserted')} in ${sideName(sides.from)}` };
  if (clause.moved && from && to) {
    const before = `${placeName(from, clause.heading, 'inserted')} in ${sideName(sides.from)}`;
    return { kind: 'moved', text: `Moved: ${before}, now ${placeName(to, clause.heading, 'deleted')} in ${sideName(sides.to)}` };
  }
  return null;
}

/** "OP5", or for a section its heading on that side (the segments not only on the other side). */
function placeName(place: ClausePlace, heading: readonly RedlineSegment[], otherSide: RedlineSegment['change']): string {
  if (place.number !== null) return place.number;
  const text = heading
    .filter((s) => s.change !== otherSide)
    .map((s) => s.text)
    .join('');
  return text ? `section “${text}”` : 'an untitled section';
}
