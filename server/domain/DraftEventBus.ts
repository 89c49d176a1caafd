import type { DraftEvent } from '../../shared/api/events.js';

type Listener = (event: DraftEvent) => void;

/**
 * Fans out live draft events to the streams open in this process. A port: several server processes
 * would put a Redis (or PostgreSQL LISTEN/NOTIFY) implementation behind the same two methods.
 */
export interface DraftEventBus {
  publish(draftId: string, event: DraftEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(draftId: string, listener: Listener): () => void;
}

/** The single-process bus: a set of listeners per draft, dropped when the last one leaves. */
export class LocalDraftEventBus implements DraftEventBus {
  private readonly listeners = new Map<string, Set<Listener>>();

  publish(draftId: string, event: DraftEvent): void {
    for (const listener of this.listeners.get(draftId) ?? []) {
      try {
        listener(event);
      } catch (error) {
        console.error(`[events] a listener of draft ${draftId} failed:`, error);
      }
    }
  }

  subscribe(draftId: string, listener: Listener): () => void {
    let set = this.listeners.get(draftId);
    if (!set) this.listeners.set(draftId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(draftId);
    };
  }

  /** Number of drafts with at least one listener (for tests and metrics). */
  get activeDrafts(): number {
    return this.listeners.size;
  }
}
