import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as Y from 'yjs';
import { MESSAGE_SAVED, MESSAGE_SAVED_SUBSCRIBE } from './messageTypes.js';

/**
 * The "saved" extension of the y-websocket protocol: how a client learns that its edits are on disk.
 *
 * 1. After each connect, a client that wants it sends one frame `[MESSAGE_SAVED_SUBSCRIBE]`
 *    (encodeSavedSubscribe). Stock clients never send it and so never receive MESSAGE_SAVED.
 * 2. The server answers at once, and again whenever a group of updates has become durable (at most one
 *    message per storage flush), with
 *    `[MESSAGE_SAVED, varUint8Array(stateVector), varUint8Array(deletions)]`:
 *    - `stateVector`: Y.encodeStateVector format, the state vector of everything on disk;
 *    - `deletions`: a Y.encodeSnapshot whose delete set lists the deletions that became durable since the
 *      previous MESSAGE_SAVED on this connection (on the first one: all of them); its state vector is empty.
 *    Deletions need their own field because a deletion does not advance the state vector.
 * 3. The client merges every message into one SavedState and asks `covers(doc)`: true exactly when every
 *    insert and every deletion its document holds is on disk. Its own edits are then saved; edits of
 *    others it has received but that are still being written keep it false for a moment, which errs on
 *    the truthful side. A client reading only `stateVector` still gets the insert half of this.
 */
export type DeleteSet = Y.Snapshot['ds'];

/** The frame a client sends to subscribe: `[MESSAGE_SAVED_SUBSCRIBE]`. */
export function encodeSavedSubscribe(): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED_SUBSCRIBE);
  return encoding.toUint8Array(encoder);
}

/** The frame the server sends: the durable state vector and the deletions that became durable since its last one. */
export function encodeSavedMessage(stateVector: Map<number, number>, newDeletions: DeleteSet): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SAVED);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(stateVector));
  encoding.writeVarUint8Array(encoder, Y.encodeSnapshot(Y.createSnapshot(newDeletions, new Map())));
  return encoding.toUint8Array(encoder);
}

/** What one MESSAGE_SAVED says. */
export interface SavedMessage {
  stateVector: Map<number, number>;
  deletions: DeleteSet;
}

/** Reads a MESSAGE_SAVED payload (the decoder is past the message type). Throws on malformed input. */
export function readSavedMessage(decoder: decoding.Decoder): SavedMessage {
  const stateVector = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  const deletions = decoding.hasContent(decoder) ? Y.decodeSnapshot(decoding.readVarUint8Array(decoder)).ds : Y.createDeleteSet();
  return { stateVector, deletions };
}

/**
 * What a client knows is on the server's disk, accumulated from MESSAGE_SAVED messages. What is durable
 * stays durable, so it only grows: keep one per document across reconnects.
 */
export class SavedState {
  private stateVector = new Map<number, number>();
  private deletions: DeleteSet = Y.createDeleteSet();

  /** Merges one message. */
  add(message: SavedMessage): void {
    for (const [client, clock] of message.stateVector) {
      if (clock > (this.stateVector.get(client) ?? 0)) this.stateVector.set(client, clock);
    }
    this.deletions = Y.mergeDeleteSets([this.deletions, message.deletions]);
  }

  /**
   * True when everything in `doc` (every insert and every deletion) is durable on the server. Costs a walk
   * over the document's structs; call it when a message arrives or the document changes, not per frame.
   */
  covers(doc: Y.Doc): boolean {
    const local = Y.snapshot(doc);
    for (const [client, clock] of local.sv) {
      if ((this.stateVector.get(client) ?? 0) < clock) return false;
    }
    return Y.equalDeleteSets(this.deletions, Y.mergeDeleteSets([this.deletions, local.ds]));
  }
}
