import type { BodyLine } from './flattenBlocks.js';
import { wordTokens } from './wordTokens.js';

/** One step of a hunk: a paragraph changed in place, or present on one side only. */
export type HunkStep =
  { type: 'pair'; from: BodyLine; to: BodyLine } | { type: 'delete'; line: BodyLine } | { type: 'insert'; line: BodyLine };

/** Two paragraphs sharing less than this share of their words are shown as one deleted and one inserted. */
export const MIN_PAIR_SIMILARITY = 0.3;
/** Hunks with more candidate pairs than this are paired in order instead (bounded time). */
const MAX_PAIR_CELLS = 10_000;

/**
 * Decides, inside a run of paragraphs that differ (removed ones against added ones), which old paragraph
 * became which new one: the order-preserving pairing with the most shared words (a small dynamic
 * programme over word-overlap scores), so a paragraph inserted before an edited one does not get the
 * edited one's redline. A lone old paragraph against a lone new one is always a pair (an edit, even a
 * rewrite or an emptying, of the same paragraph).
 */
export function pairParagraphs(removed: readonly BodyLine[], added: readonly BodyLine[]): HunkStep[] {
  if (removed.length === 1 && added.length === 1) return [{ type: 'pair', from: removed[0]!, to: added[0]! }];
  if (removed.length * added.length > MAX_PAIR_CELLS) return inOrder(removed, added);
  const words = (lines: readonly BodyLine[]) => lines.map((line) => wordCounts(line));
  const a = words(removed);
  const b = words(added);
  const score = (i: number, j: number) => {
    const s = similarity(a[i]!, b[j]!);
    return s >= MIN_PAIR_SIMILARITY ? s : -1;
  };
  // best[i][j]: the highest total score pairing removed[i..] with added[j..].
  const best = Array.from({ length: removed.length + 1 }, () => new Float64Array(added.length + 1));
  for (let i = removed.length - 1; i >= 0; i -= 1) {
    for (let j = added.length - 1; j >= 0; j -= 1) {
      const s = score(i, j);
      best[i]![j] = Math.max(best[i + 1]![j]!, best[i]![j + 1]!, s < 0 ? 0 : s + best[i + 1]![j + 1]!);
    }
  }
  const steps: HunkStep[] = [];
  let i = 0;
  let j = 0;
  while (i < removed.length || j < added.length) {
    if (i === removed.length) steps.push({ type: 'insert', line: added[j++]! });
    else if (j === added.length) steps.push({ type: 'delete', line: removed[i++]! });
    else if (score(i, j) >= 0 && best[i]![j] === score(i, j) + best[i + 1]![j + 1]!)
      steps.push({ type: 'pair', from: removed[i++]!, to: added[j++]! });
    else if (best[i]![j] === best[i + 1]![j]) steps.push({ type: 'delete', line: removed[i++]! });
    else steps.push({ type: 'insert', line: added[j++]! });
  }
  return steps;
}

function inOrder(removed: readonly BodyLine[], added: readonly BodyLine[]): HunkStep[] {
  const steps: HunkStep[] = [];
  const n = Math.max(removed.length, added.length);
  for (let k = 0; k < n; k += 1) {
    const from = removed[k];
    const to = added[k];
    if (from && to) steps.push({ type: 'pair', from, to });
    else if (from) steps.push({ type: 'delete', line: from });
    else if (to) steps.push({ type: 'insert', line: to });
  }
  return steps;
}

function wordCounts(line: BodyLine): Map<string, number> {
  const counts = new Map<string, number>();
  for (const token of wordTokens(line.content)) counts.set(token.key, (counts.get(token.key) ?? 0) + 1);
  return counts;
}

/** Dice coefficient of two word multisets: 1 for the same words, 0 for none shared; two empty paragraphs are alike. */
function similarity(a: Map<string, number>, b: Map<string, number>): number {
  let size = 0;
  let shared = 0;
  for (const n of a.values()) size += n;
  for (const [word, n] of b) {
    size += n;
    shared += Math.min(n, a.get(word) ?? 0);
  }
  return size === 0 ? 1 : (2 * shared) / size;
}
