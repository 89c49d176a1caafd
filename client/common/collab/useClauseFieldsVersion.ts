import { useCallback, useRef, useSyncExternalStore } from 'react';
import * as Y from 'yjs';
import { getClauses } from '../../../shared/doc/schema.js';

/**
 * A number that changes when a clause is added to or removed from `clauses`, or when one of a clause's own
 * fields changes (kind, alternativeTo, noText, succeeds ...), but not when text inside a clause changes:
 * numbering and option groups depend on the former, and typing must not re-read the whole draft.
 */
export function useClauseFieldsVersion(doc: Y.Doc | null): number {
  const version = useRef(0);
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!doc) return () => {};
      const clauses = getClauses(doc);
      const onChange = (events: Array<Y.YEvent<Y.AbstractType<unknown>>>) => {
        if (!touchesClauseFields(events, clauses)) return;
        version.current += 1;
        listener();
      };
      clauses.observeDeep(onChange);
      return () => clauses.unobserveDeep(onChange);
    },
    [doc],
  );
  return useSyncExternalStore(subscribe, () => version.current);
}

/** Whether a deep observer's events of `clauses` add or remove a clause or change one of a clause's own fields. */
export function touchesClauseFields(events: ReadonlyArray<Y.YEvent<Y.AbstractType<unknown>>>, clauses: Y.Map<unknown>): boolean {
  // A clause's own fields are keys of the clause's map, a direct child of `clauses`.
  return events.some((event) => event.target === clauses || (event.target instanceof Y.Map && event.target.parent === clauses));
}
