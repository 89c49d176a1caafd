import type { DraftEvent } from '../../shared/api/events.js';

type Listener = (event: DraftEvent) => void;
type WorkspaceListener = (draftId: string, event: DraftEvent) => void;

/**
 * Fans out live draft events to the streams open in this process. A port: several server processes
 * would put a Redis (or PostgreSQL LISTEN/NOTIFY) implementation behind the same methods.
 */
export interface DraftEventBus {
  publish(draftId: string, event: DraftEvent): void;
  /** Returns the unsubscribe function. */
  subscribe(draftId: string, listener: Listener): () => void;
  /** Every event of every draft (the workspace stream picks what the drafts list needs). Returns the unsubscribe function. */
  subscribeAll(listener: WorkspaceListener): () => void;
}

/** The single-process bus: a set of listeners per draft, dropped when the last one leaves, and workspace listeners. */
export class LocalDraftEventBus implements DraftEventBus {
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly workspaceListeners = new Set<WorkspaceListener>();

  publish(draftId: string, event: DraftEvent): void {
    for (const listener of this.listeners.get(draftId) ?? []) deliver(draftId, () => listener(event));
    for (const listener of this.workspaceListeners) deliver(draftId, () => listener(draftId, event));
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

  subscribeAll(listener: WorkspaceListener): () => void {
    this.workspaceListeners.add(listener);
    return () => void this.workspaceListeners.delete(listener);
  }

  /** Number of drafts with at least one listener (for tests and metrics). */
  get activeDrafts(): number {
    return this.listeners.size;
  }
}

/** One failing listener must not keep the event from the others. */
function deliver(draftId: string, call: () => void): void {
  try {
    call();
  } catch (error) {
    console.error(`[events] a listener of draft ${draftId} failed:`, error);
  }
}
