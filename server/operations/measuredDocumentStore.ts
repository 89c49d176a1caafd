import type { Histogram } from 'prom-client';
import type { ServedDocumentStore } from '../storage/openStores.js';

/** The document store with each append's time to durable recorded in `commitSeconds` (metrics). */
export function measuredDocumentStore<S extends ServedDocumentStore>(store: S, commitSeconds: Histogram): S {
  return new Proxy(store, {
    get(target, property, receiver) {
      if (property === 'append') {
        return async (draftId: string, update: Uint8Array) => {
          const stop = commitSeconds.startTimer();
          await target.append(draftId, update);
          stop();
        };
      }
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}
