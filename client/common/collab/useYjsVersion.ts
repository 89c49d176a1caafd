import { useCallback, useRef, useSyncExternalStore } from 'react';
import type * as Y from 'yjs';

/**
 * A number that changes whenever `type` changes (with `deep`, also when anything nested in it changes), so
 * a component re-renders exactly then and reads the Yjs type directly. Null types never change.
 * @param deep observe nested types too. @default false
 */
export function useYjsVersion<E>(type: Y.AbstractType<E> | null, deep = false): number {
  const version = useRef(0);
  const subscribe = useCallback(
    (listener: () => void) => {
      if (!type) return () => {};
      const onChange = () => {
        version.current += 1;
        listener();
      };
      if (deep) type.observeDeep(onChange);
      else type.observe(onChange);
      return () => (deep ? type.unobserveDeep(onChange) : type.unobserve(onChange));
    },
    [type, deep],
  );
  return useSyncExternalStore(subscribe, () => version.current);
}
