import { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { CLOSE_CODE, isFinalCloseCode } from '../../../shared/collab/closeCodes.js';
import { refreshAwarenessOnConnect } from '../../../shared/collab/refreshAwarenessOnConnect.js';
import { collabServerUrl } from './collabServerUrl.js';
import { INITIAL_CONNECTION_STATE, type ConnectionState } from './ConnectionState.js';
import { trackOwnSaved } from './trackOwnSaved.js';

/** One open draft: its document, the provider that syncs it, and a subscribable connection state. */
export interface DraftConnection {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** The latest state; a new object on every change (for useSyncExternalStore). */
  getState: () => ConnectionState;
  /** Calls `listener` after every state change; returns the unsubscribe function. */
  subscribe: (listener: () => void) => () => void;
  /** Tries again after a refusal (e.g. once the person signed in again in another tab). */
  reconnect(): void;
  /** Closes the socket and frees the document; nothing works afterwards. */
  destroy(): void;
}

/**
 * Opens a draft's document over a stock y-websocket provider at `/collab/<draftId>` on this origin.
 *
 * Edits made while offline stay in this page's in-memory document and are sent on reconnect (y-websocket's
 * sync step 1/2 exchange). Nothing is written to browser storage: a shared computer must not keep
 * someone's draft text, and edits left there would be sent later under whoever opens the draft next.
 * The cross-tab BroadcastChannel is off for the same reason; every tab talks to the server.
 * A final close code (4400-4499) stops the retries, as y-websocket's default does, and is reported with
 * the reason the server gave. ACCESS_CHANGED (the draft was archived or restored) stops them too and is
 * reported the same way, although it is transient: this provider's document may hold changes the server
 * dropped, which a reconnect would send again, so the page opens the draft afresh instead. (After
 * EDIT_REFUSED and ACCESS_CHANGED the page opens the draft afresh: useDraftConnection.)
 */
export function openDraftConnection(draftId: string): DraftConnection {
  const doc = new Y.Doc();
  const provider = new WebsocketProvider(collabServerUrl(), draftId, doc, {
    disableBc: true,
    shouldReconnect: (event) => !isFinalCloseCode(event.code) && event.code !== CLOSE_CODE.ACCESS_CHANGED,
  });
  const listeners = new Set<() => void>();
  let state = INITIAL_CONNECTION_STATE;
  const update = (change: Partial<ConnectionState>) => {
    state = { ...state, ...change };
    for (const listener of listeners) listener();
  };

  const stopSavedTracking = trackOwnSaved(provider, (saved) => update({ saved }));
  const stopAwarenessRefresh = refreshAwarenessOnConnect(provider);
  provider.on('status', ({ status }) => {
    update(status === 'connected' ? { socket: status, refusedWith: null, refusalReason: '' } : { socket: status });
  });
  provider.on('sync', (synced) => {
    update(synced ? { synced, everSynced: true, retryingAfter: null } : { synced });
  });
  provider.on('connection-close', (event) => {
    if (event && !isFinalCloseCode(event.code)) update({ retryingAfter: event.code >= 4000 ? event.code : null });
  });
  provider.on('closed', ({ code, reason }) => update({ refusedWith: code, refusalReason: reason, socket: 'disconnected' }));

  return {
    doc,
    provider,
    getState: () => state,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    reconnect() {
      update({ refusedWith: null, refusalReason: '', socket: 'connecting' });
      provider.connect();
    },
    destroy() {
      listeners.clear();
      stopSavedTracking();
      stopAwarenessRefresh();
      provider.destroy();
      doc.destroy();
    },
  };
}
