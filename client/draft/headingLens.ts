import type * as Y from 'yjs';
import { readProposalRuns } from '../../shared/amendments/proposals.js';
import { DELETION_MARK, INSERTION_MARK, type ProposalAttrs } from '../../shared/doc/schema.js';
import type { TextChange } from './diffText.js';

/**
 * How a one-line heading field reads and writes a clause heading (a Y.Text): which string the field shows,
 * and what a change the person made to that string does to the Y.Text. bindInputToYText uses one.
 */
export interface HeadingLens {
  /** Whether typing makes proposals: then undo takes back only proposals (bindInputToYText guards it). */
  proposing: boolean;
  show(text: Y.Text): string;
  /** Carries out a change of the shown string; returns why part of it was not made, or null. */
  apply(text: Y.Text, change: TextChange): string | null;
}

/** Why a heading change could not be proposed as asked, in the words the field shows. */
export const HEADING_REFUSAL = {
  others: 'Part of that is another delegation’s proposal: only that delegation or the secretariat can change it.',
} as const;

/**
 * Direct editing (the secretariat; anyone on a draft in direct mode): the field shows the whole heading,
 * proposed words included, and typing changes it as it is. Typed text is plain: it never joins a
 * delegation's proposal by being typed next to it (Yjs would otherwise give it its neighbour's marks).
 */
export const DIRECT_HEADING: HeadingLens = {
  proposing: false,
  show: (text) => text.toString(),
  apply(text, change) {
    if (change.deleteCount > 0) text.delete(change.index, change.deleteCount);
    if (change.insert) text.insert(change.index, change.insert, {});
    return null;
  },
};

/** One character of a heading as proposing sees it. */
interface Char {
  /** Its index in the Y.Text. */
  at: number;
  insertion: ProposalAttrs | null;
  deletion: ProposalAttrs | null;
}

function charsOf(text: Y.Text): Char[] {
  const chars: Char[] = [];
  let at = 0;
  for (const run of readProposalRuns(text)) {
    for (let i = 0; i < run.text.length; i += 1) chars.push({ at: at + i, insertion: run.insertion, deletion: run.deletion });
    at += run.text.length;
  }
  return chars;
}

/**
 * Proposing (a delegate on a draft in amendments mode), as the clause body's proposing does it
 * (client/editor/proposing/proposeTransaction.ts): the field shows the heading as it would read with the
 * person's own delegation's proposals accepted: its deletions left out, other delegations' insertions left
 * out (they are not the person's to edit), everything else as it stands. What they change there becomes
 * proposals in their delegation's name:
 * - typed text is an insertion, joining the delegation's own insertion it touches, else a new one; it goes
 *   after the delegation's struck words it follows, so replacing a word reads "old new";
 * - deleted accepted text stays, marked as the delegation's deletion (joining one it touches);
 * - deleted text of the delegation's own insertion goes for good;
 * - text another delegation already proposes to delete cannot be deleted again: it is left as it is, and
 *   the answer says so (the field then shows it again).
 * The server checks all of this again (server/domain/amendments/checkEditRules.ts).
 */
export function proposingHeading(delegation: string, newId: () => string): HeadingLens {
  const own = (attrs: ProposalAttrs | null) => attrs !== null && attrs.delegation === delegation;
  const shownOf = (chars: readonly Char[]) => chars.filter((c) => !own(c.deletion) && !(c.insertion && !own(c.insertion)));
  return {
    proposing: true,
    show(text) {
      const whole = text.toString();
      return shownOf(charsOf(text))
        .map((c) => whole[c.at])
        .join('');
    },
    apply(text, change) {
      const chars = charsOf(text);
      const shown = shownOf(chars);
      let refused: string | null = null;
      // Where the insertion goes, worked out before the deletion changes indices: after the shown character
      // before it, and after the delegation's own struck text that follows that character.
      const before = change.index > 0 ? shown[change.index - 1] : undefined;
      let insertAt = before ? before.at + 1 : 0;
      const removed = shown.slice(change.index, change.index + change.deleteCount);
      // Deletions, from the end so earlier indices stay valid.
      let deletionId: string | null = null;
      for (const c of [...removed].reverse()) {
        if (own(c.insertion)) {
          text.delete(c.at, 1);
          if (c.at < insertAt) insertAt -= 1;
        } else if (c.deletion) {
          refused = HEADING_REFUSAL.others;
        } else {
          deletionId ??= touchingId(chars, c.at, DELETION_MARK, delegation) ?? newId();
          text.format(c.at, 1, { [DELETION_MARK]: { id: deletionId, delegation } });
        }
      }
      if (change.insert) {
        const after = charsOf(text);
        while (insertAt < after.length && own(after[insertAt]!.deletion)) insertAt += 1;
        const id = touchingId(after, insertAt, INSERTION_MARK, delegation, true) ?? newId();
        text.insert(insertAt, change.insert, { [INSERTION_MARK]: { id, delegation } });
      }
      return refused;
    },
  };
}

/**
 * The id of the delegation's own proposal of this kind right before or at `at` (a new passage there joins
 * it), or null. For an insertion point, `between` reads the characters on either side of the gap before `at`.
 */
function touchingId(chars: readonly Char[], at: number, key: string, delegation: string, between = false): string | null {
  const attrsOf = (c: Char | undefined) => (c ? (key === INSERTION_MARK ? c.insertion : c.deletion) : null);
  const candidates = between ? [chars[at - 1], chars[at]] : [chars[at - 1], chars[at + 1]];
  for (const c of candidates) {
    const attrs = attrsOf(c);
    if (attrs && attrs.delegation === delegation) return attrs.id;
  }
  return null;
}
