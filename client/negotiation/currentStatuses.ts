import type { ClauseStatusEntry } from '../../shared/api/negotiation.js';

/**
 * Each clause's current status entry (its latest), by clause id. Entries are kept in the order they were
 * recorded, so the last one per clause is current; a clause without an entry is open.
 */
export function currentStatuses(statuses: readonly ClauseStatusEntry[]): ReadonlyMap<string, ClauseStatusEntry> {
  const current = new Map<string, ClauseStatusEntry>();
  for (const entry of statuses) current.set(entry.clauseId, entry);
  return current;
}
