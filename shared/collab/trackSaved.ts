import * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import { MESSAGE_SAVED } from './messageTypes.js';
import { encodeSavedSubscribe, readSavedMessage, SavedState } from './savedProtocol.js';

/** A live answer to "is everything in this document on the server's disk?" */
export interface SavedTracker {
  /** The last computed answer (false until the first MESSAGE_SAVED). */
  readonly saved: boolean;
  /** Stops listening; the provider keeps working. */
  destroy(): void;
}

/**
 * Subscribes a y-websocket provider to the saved notifications (savedProtocol.ts) on every connect and
 * reports whether everything in `provider.doc` is durable. `onChange(false)` fires at once on a local edit
 * (no computation); the answer is recomputed when a MESSAGE_SAVED arrives and shortly after remote updates.
 * "Offline" is not decided here: combine with the provider's `status` event in the UI.
 */
export function trackSaved(provider: WebsocketProvider, onChange: (saved: boolean) => void): SavedTracker {
  const state = new SavedState();
  let saved = false;
  let recheckQueued = false;
  let destroyed = false;
  const report = (next: boolean) => {
    if (next === saved) return;
    saved = next;
    onChange(next);
  };
  const recheck = () => {
    recheckQueued = false;
    if (!destroyed) report(state.covers(provider.doc));
  };
  provider.messageHandlers[MESSAGE_SAVED] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    state.add(readSavedMessage(decoder));
    recheck();
  };
  const subscribe = () => provider.ws?.send(encodeSavedSubscribe());
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') subscribe();
  };
  const onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider) return report(false);
    // Remote content may already be durable (e.g. the initial sync): check again once the burst is over.
    if (!recheckQueued) {
      recheckQueued = true;
      setTimeout(recheck, 0);
    }
  };
  provider.on('status', onStatus);
  provider.doc.on('update', onUpdate);
  if (provider.wsconnected) subscribe();
  return {
    get saved() {
      return saved;
    },
    destroy() {
      destroyed = true;
      provider.off('status', onStatus);
      provider.doc.off('update', onUpdate);
      // Notices still on their way are ignored (the provider logs an error for a type without a handler).
      provider.messageHandlers[MESSAGE_SAVED] = () => undefined;
    },
  };
}
