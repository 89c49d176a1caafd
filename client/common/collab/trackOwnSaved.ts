import type * as decoding from 'lib0/decoding';
import type * as encoding from 'lib0/encoding';
import type { WebsocketProvider } from 'y-websocket';
import * as Y from 'yjs';
import { MESSAGE_SAVED } from '../../../shared/collab/messageTypes.js';
import { encodeSavedSubscribe, readSavedMessage, type DeleteSet } from '../../../shared/collab/savedProtocol.js';

/**
 * Reports whether every edit made in this page is on the server's disk, using the saved notifications
 * of shared/collab/savedProtocol.ts (subscribed again on every connect).
 *
 * Unlike shared/collab/trackSaved.ts, which asks whether the whole document is durable, this looks at
 * this page's own edits only: its client ids' inserts (state vector) and the deletions its own
 * transactions made (delete sets). Otherwise other delegates' continuous typing would keep this page's
 * indicator on "Saving…" although nothing of its own is waiting. `onChange(false)` fires at once on a
 * local edit; true comes only from a MESSAGE_SAVED that covers everything this page did.
 */
export function trackOwnSaved(provider: WebsocketProvider, onChange: (saved: boolean) => void): () => void {
  const doc = provider.doc;
  const savedClocks = new Map<number, number>();
  let savedDeletions: DeleteSet = Y.createDeleteSet();
  const ownClients = new Set<number>();
  let pendingDeletions: DeleteSet = Y.createDeleteSet();
  let saved = true;
  const report = (next: boolean) => {
    if (next !== saved) onChange((saved = next));
  };
  const covered = () => {
    for (const client of ownClients) {
      if ((savedClocks.get(client) ?? 0) < Y.getState(doc.store, client)) return false;
    }
    return Y.equalDeleteSets(savedDeletions, Y.mergeDeleteSets([savedDeletions, pendingDeletions]));
  };

  provider.messageHandlers[MESSAGE_SAVED] = (_encoder: encoding.Encoder, decoder: decoding.Decoder) => {
    const message = readSavedMessage(decoder);
    for (const [client, clock] of message.stateVector) {
      if (clock > (savedClocks.get(client) ?? 0)) savedClocks.set(client, clock);
    }
    savedDeletions = Y.mergeDeleteSets([savedDeletions, message.deletions]);
    if (covered()) {
      pendingDeletions = Y.createDeleteSet();
      report(true);
    }
  };
  const onTransaction = (transaction: Y.Transaction) => {
    if (!transaction.local) return;
    const inserted = (transaction.afterState.get(doc.clientID) ?? 0) > (transaction.beforeState.get(doc.clientID) ?? 0);
    const deleted = transaction.deleteSet.clients.size > 0;
    if (!inserted && !deleted) return;
    ownClients.add(doc.clientID);
    if (deleted) pendingDeletions = Y.mergeDeleteSets([pendingDeletions, transaction.deleteSet]);
    report(false);
  };
  const subscribe = () => provider.ws?.send(encodeSavedSubscribe());
  const onStatus = ({ status }: { status: string }) => {
    if (status === 'connected') subscribe();
  };
  provider.on('status', onStatus);
  doc.on('afterTransaction', onTransaction);
  if (provider.wsconnected) subscribe();
  return () => {
    provider.off('status', onStatus);
    doc.off('afterTransaction', onTransaction);
    // Notices still on their way are ignored (the provider logs an error for a type without a handler).
    provider.messageHandlers[MESSAGE_SAVED] = () => undefined;
  };
}
