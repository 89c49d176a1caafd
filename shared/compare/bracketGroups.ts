import type { Mark } from '../export/DraftText.js';

/** A bracket mark: text not agreed, with the delegation that proposed it. */
export type BracketMark = Extract<Mark, { type: 'bracket' }>;

/** Consecutive runs inside one bracket (`bracket` set), or outside any (`bracket` null). */
export interface BracketGroup<R> {
  bracket: BracketMark | null;
  runs: R[];
}

/**
 * Cuts a paragraph's runs (DraftText inlines, or redline segments) into bracketed passages and the text
 * between them, which is how every rendering of brackets reads them: exports, redlines and the read-only
 * views print one pair of brackets and one delegation tag per passage, even when bold, a link or a change
 * in a redline splits the passage into several runs. A passage is a maximal sequence of runs bracketed by
 * the same delegation (by id), as the bracket counts count them.
 *
 * White space at either end of a passage is moved outside it ("the [blue] sky", not "the[ blue ]sky"), and a
 * passage of white space only is no passage; runs moved out lose their bracket mark. Empty runs are dropped.
 */
export function bracketGroups<R extends { text: string; marks: readonly Mark[] }>(runs: readonly R[]): Array<BracketGroup<R>> {
  const groups: Array<BracketGroup<R>> = [];
  const push = (bracket: BracketMark | null, run: R) => {
    if (run.text.length === 0) return;
    const last = groups[groups.length - 1];
    if (last && sameBracket(last.bracket, bracket)) last.runs.push(run);
    else groups.push({ bracket, runs: [run] });
  };
  for (const passage of naiveGroups(runs)) {
    if (passage.bracket === null) {
      for (const run of passage.runs) push(null, run);
      continue;
    }
    const { lead, core, trail } = trimPassage(passage.runs);
    for (const run of lead) push(null, run);
    for (const run of core) push(passage.bracket, run);
    for (const run of trail) push(null, run);
  }
  return groups;
}

/** The bracket mark of a run, or null. */
export function bracketOf(marks: readonly Mark[]): BracketMark | null {
  return marks.find((mark): mark is BracketMark => mark.type === 'bracket') ?? null;
}

function naiveGroups<R extends { text: string; marks: readonly Mark[] }>(runs: readonly R[]): Array<BracketGroup<R>> {
  const groups: Array<BracketGroup<R>> = [];
  for (const run of runs) {
    const bracket = bracketOf(run.marks);
    const last = groups[groups.length - 1];
    if (last && sameBracket(last.bracket, bracket)) last.runs.push(run);
    else groups.push({ bracket, runs: [run] });
  }
  return groups;
}

function sameBracket(a: BracketMark | null, b: BracketMark | null): boolean {
  return a === null || b === null ? a === b : a.delegationId === b.delegationId;
}

/** Splits a passage's runs into leading white space, the bracketed core and trailing white space (moved runs unbracketed). */
function trimPassage<R extends { text: string; marks: readonly Mark[] }>(runs: readonly R[]): { lead: R[]; core: R[]; trail: R[] } {
  const text = runs.map((run) => run.text).join('');
  const start = text.length - text.trimStart().length;
  const end = start === text.length ? start : text.trimEnd().length;
  const lead: R[] = [];
  const core: R[] = [];
  const trail: R[] = [];
  let offset = 0;
  for (const run of runs) {
    const from = offset;
    const to = offset + run.text.length;
    offset = to;
    const cut = (a: number, b: number) => {
      const [lo, hi] = [Math.max(a, from), Math.min(b, to)];
      return lo < hi ? run.text.slice(lo - from, hi - from) : '';
    };
    const before = cut(0, start);
    const inside = cut(start, end);
    const after = cut(end, text.length);
    if (before) lead.push(unbracketed(run, before));
    if (inside) core.push(inside === run.text ? run : { ...run, text: inside });
    if (after) trail.push(unbracketed(run, after));
  }
  return { lead, core, trail };
}

function unbracketed<R extends { text: string; marks: readonly Mark[] }>(run: R, text: string): R {
  return { ...run, text, marks: run.marks.filter((mark) => mark.type !== 'bracket') };
}
