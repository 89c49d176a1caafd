import type { DraftCountsView } from '../../../shared/api/drafts.js';

/**
 * Bracket and option counts in words, as the outline and the drafts list show them: "3 brackets · 2 options",
 * "1 bracket · 0 options"; or one of the two.
 * @param which both, or only brackets or options. @default 'both'
 */
export function describeCounts(
  counts: Pick<DraftCountsView, 'brackets' | 'options'>,
  which: 'both' | 'brackets' | 'options' = 'both',
): string {
  const brackets = `${counts.brackets} ${counts.brackets === 1 ? 'bracket' : 'brackets'}`;
  const options = `${counts.options} ${counts.options === 1 ? 'option' : 'options'}`;
  return which === 'brackets' ? brackets : which === 'options' ? options : `${brackets} · ${options}`;
}

/** Undecided proposals in words, as the drafts list, the outline and the proposals panel say them: "1 proposal", "3 proposals". */
export function describeProposalCount(count: number): string {
  return `${count} ${count === 1 ? 'proposal' : 'proposals'}`;
}
