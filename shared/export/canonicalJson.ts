/**
 * JSON with object keys sorted (by UTF-16 code units, as Array.prototype.sort does), two-space indent and a
 * final newline: equal data always gives equal bytes, whatever order its keys were built in. Exports write
 * DraftText with it, and a fingerprint of a revision can hash it.
 */
export function canonicalJson(value: unknown): string {
  return `${JSON.stringify(sortKeys(value), null, 2)}\n`;
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== 'object') return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) {
    const item = (value as Record<string, unknown>)[key];
    if (item !== undefined) sorted[key] = sortKeys(item);
  }
  return sorted;
}
