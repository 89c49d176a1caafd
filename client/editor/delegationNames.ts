import { delegationsApi } from '../members/index.js';

/**
 * Delegation names by id, for bracket tags: a bracket in the document carries only its delegation's id.
 * Every member may list the delegations (GET /api/delegations).
 */
export interface DelegationNames {
  /** The delegation's name, or null while it is not known (not loaded yet, or unknown id). */
  nameOf(id: string): string | null;
  /** Calls `listener` whenever names arrive; returns the unsubscribe function. The first subscriber loads them. */
  subscribe: (listener: () => void) => () => void;
  /** A number that changes whenever names arrive (for useSyncExternalStore). */
  version: () => number;
}

/** Shortest time between two loads caused by an unknown id (a delegation added since the last load). @default 30000 ms */
export const DELEGATION_NAMES_RELOAD_MS = 30_000;

/**
 * Names loaded from the API on first use and again when a bracket names a delegation not seen yet
 * (at most once per DELEGATION_NAMES_RELOAD_MS). Failures leave the tags empty until the next load.
 */
export function createDelegationNames(load: () => Promise<Array<{ id: string; name: string }>>): DelegationNames {
  let names = new Map<string, string>();
  let version = 0;
  let loading = false;
  let lastLoad = Number.NEGATIVE_INFINITY;
  const listeners = new Set<() => void>();

  const reload = () => {
    if (loading) return;
    loading = true;
    lastLoad = Date.now();
    load().then(
      (list) => {
        loading = false;
        names = new Map(list.map((d) => [d.id, d.name]));
        version += 1;
        for (const listener of [...listeners]) listener();
      },
      () => {
        loading = false;
      },
    );
  };

  return {
    nameOf(id) {
      const name = names.get(id);
      if (name !== undefined) return name;
      if (listeners.size > 0 && Date.now() - lastLoad >= DELEGATION_NAMES_RELOAD_MS) reload();
      return null;
    },
    subscribe(listener) {
      listeners.add(listener);
      if (version === 0 && !loading) reload();
      return () => listeners.delete(listener);
    },
    version: () => version,
  };
}

/** The page's one set of delegation names. */
export const delegationNames: DelegationNames = createDelegationNames(() => delegationsApi.list());
