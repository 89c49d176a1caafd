/** A match in one piece of text: [start, end) as UTF-16 offsets into it. */
export interface TextRange {
  start: number;
  end: number;
}

const SPECIAL = /[\\^$.*+?()[\]{}|/]/g;

/**
 * The pattern that finds `query` literally, ignoring case (Unicode case folding), or null for a blank
 * query (nothing to find). Built once per search and reused for every text.
 */
export function searchPattern(query: string): RegExp | null {
  if (query.trim() === '') return null;
  return new RegExp(query.replace(SPECIAL, '\\$&'), 'giu');
}

/** Every match of `pattern` in `text`, left to right, not overlapping. */
export function findInText(text: string, pattern: RegExp): TextRange[] {
  const ranges: TextRange[] = [];
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    ranges.push({ start: match.index, end: match.index + match[0].length });
    // A match is never empty (the query is not blank), so the search always moves on.
  }
  return ranges;
}
