import { useCallback, useEffect, useState } from 'react';
import { toApiError, type ApiError } from './ApiError.js';

export interface ApiResource<T> {
  /** The loaded value; null while loading for the first time or after a failed load. */
  data: T | null;
  error: ApiError | null;
  loading: boolean;
  /** Loads again (after a change made elsewhere). */
  reload: () => void;
  /** Replaces the value locally, e.g. with the answer of a successful change. */
  setData: (update: (current: T | null) => T | null) => void;
}

/**
 * Loads one API resource for a page and keeps it in state. Answers that arrive after the page moved on
 * (unmount, or `key` changed) are dropped, so a slow answer never overwrites a newer one.
 */
export function useApiResource<T>(load: () => Promise<T>, key: string): ApiResource<T> {
  const [data, setDataState] = useState<T | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    let current = true;
    setLoading(true);
    load().then(
      (value) => {
        if (!current) return;
        setDataState(value);
        setError(null);
        setLoading(false);
      },
      (reason: unknown) => {
        if (!current) return;
        setError(toApiError(reason));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `load` is new on every render; `key` and `generation` say when to load again
  }, [key, generation]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const setData = useCallback((update: (current: T | null) => T | null) => setDataState(update), []);
  return { data, error, loading, reload, setData };
}
