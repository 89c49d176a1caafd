import type { Inline, Mark } from '../export/DraftText.js';

/**
 * One word (or punctuation mark, or CJK word) with the white space after it, as runs carrying their marks.
 * `key` is what comparison looks at: the text without its trailing white space, with each part's marks,
 * so a word that only gained bold counts as changed, and a doubled space does not.
 */
export interface WordToken {
  key: string;
  runs: Inline[];
}

/**
 * Splits inline text into word tokens with Intl.Segmenter (word granularity): words of every script are
 * kept whole — Greek and Cyrillic, and Chinese or Japanese written without spaces, which ICU's dictionaries
 * split into words — where jsdiff's own tokenizer would cut non-Latin text into single letters.
 * White space joins the token before it (as jsdiff's diffWords does), so that a diff never keeps the spaces
 * and trades the words. Without Intl.Segmenter (old browsers), a Unicode-aware pattern is used instead.
 */
export function wordTokens(inlines: readonly Inline[]): WordToken[] {
  const text = inlines.map((run) => run.text).join('');
  const ranges: Array<[number, number]> = [];
  for (const { segment, index } of segments(text)) {
    const last = ranges[ranges.length - 1];
    if (last && WHITE.test(segment)) last[1] = index + segment.length;
    else ranges.push([index, index + segment.length]);
  }
  return ranges.map(([start, end]) => {
    const coreEnd = start + text.slice(start, end).trimEnd().length;
    return { key: keyOf(slice(inlines, start, coreEnd === start ? end : coreEnd)), runs: slice(inlines, start, end) };
  });
}

const WHITE = /^\s+$/u;
const FALLBACK = /[\p{L}\p{M}\p{N}_]+|\s+|[^\s]/gu;

let segmenter: Intl.Segmenter | null | undefined;

function segments(text: string): Array<{ segment: string; index: number }> {
  if (segmenter === undefined)
    segmenter = typeof Intl.Segmenter === 'function' ? new Intl.Segmenter(undefined, { granularity: 'word' }) : null;
  if (segmenter) return [...segmenter.segment(text)];
  return [...text.matchAll(FALLBACK)].map((m) => ({ segment: m[0], index: m.index }));
}

/** The runs covering characters [start, end) of the concatenated text, cut at the range's ends. */
function slice(inlines: readonly Inline[], start: number, end: number): Inline[] {
  const out: Inline[] = [];
  let offset = 0;
  for (const run of inlines) {
    const from = Math.max(start, offset);
    const to = Math.min(end, offset + run.text.length);
    if (from < to) out.push({ text: run.text.slice(from - offset, to - offset), marks: run.marks });
    offset += run.text.length;
    if (offset >= end) break;
  }
  return out;
}

/**
 * A word's key: its text with each part's marks, proposals left out (the redline compares text, and carries
 * proposals beside it: see proposalFates), so parts that differ only by a proposal count as one.
 */
function keyOf(runs: readonly Inline[]): string {
  const parts: Array<[string, string]> = [];
  for (const run of runs) {
    const marks = run.marks
      .filter((mark) => mark.type !== 'proposal')
      .map(markKey)
      .join(',');
    const last = parts[parts.length - 1];
    if (last && last[0] === marks) last[1] += run.text;
    else parts.push([marks, run.text]);
  }
  return parts.map(([marks, text]) => `${marks}\u0001${text}`).join('\u0002');
}

/**
 * A stable text form of a mark, for comparing. A bracket counts with its delegation (by id, not by name, so a
 * renamed delegation changes nothing): words bracketed or unbracketed since, or bracketed by another
 * delegation, are a change the redline shows, though the words are the same. A proposal counts by its kind,
 * id and delegation (paragraphs whose proposals differ are compared word by word; words are not: see keyOf).
 */
export function markKey(mark: Mark): string {
  if (mark.type === 'link') return `link:${mark.href}`;
  if (mark.type === 'bracket') return `bracket:${mark.delegationId}`;
  if (mark.type === 'proposal') return `proposal:${mark.kind}:${mark.id}:${mark.delegationId}`;
  return mark.type;
}
