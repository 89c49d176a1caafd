/** The audit log shown a page at a time: the newest page (loaded by the page) and the older pages loaded on request below it. */
export interface OlderPages<T> {
  /** The newest page these extend. */
  base: readonly T[] | null;
  /** Every older page loaded so far, in order. */
  entries: T[];
  /** The last older page was shorter than a full page: nothing older is left. */
  done: boolean;
}

/** The older pages that belong under `newest`: none once the newest page was loaded again (a reload starts over). */
export function olderPagesUnder<T, P extends OlderPages<T>>(stored: P, newest: readonly T[] | null, none: P): P {
  return stored.base === newest ? stored : none;
}

/** The older pages with one more page added. */
export function withOlderPage<T>(current: OlderPages<T>, base: readonly T[], page: readonly T[], pageSize: number): OlderPages<T> {
  return { base, entries: [...current.entries, ...page], done: page.length < pageSize };
}

/** Whether older entries may remain: the last page loaded (the newest page while none older was loaded) was full. */
export function mayHaveOlder<T>(newest: readonly T[] | null, older: OlderPages<T>, pageSize: number): boolean {
  if (newest === null || older.done) return false;
  return older.entries.length > 0 || newest.length === pageSize;
}
