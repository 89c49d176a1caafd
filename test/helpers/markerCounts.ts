/**
 * How often each marker occurs in `text`: markers are `[tag-n]`-shaped tokens (letters, digits and dashes
 * inside square brackets) that tests type, so loss and duplication can be read off a document's text in
 * one pass, however long it is.
 */
export function markerCounts(text: string, pattern = /\[[a-z]+\d*-\d+\]/g): Map<string, number> {
  const counts = new Map<string, number>();
  for (const match of text.matchAll(pattern)) counts.set(match[0], (counts.get(match[0]) ?? 0) + 1);
  return counts;
}
