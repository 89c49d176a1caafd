import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../shared/collab/messageTypes.js';

/** `[MESSAGE_SYNC, update, update]`: one accepted update, encoded once and sent to every other client. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `[MESSAGE_SYNC, step 1, state vector]`: asks a client for what the server lacks. */
export function encodeSyncStep1(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** `[MESSAGE_SYNC, step 2, update]`: what a client lacks given its state vector. Throws on a malformed state vector. */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep2(encoder, doc, stateVector);
  return encoding.toUint8Array(encoder);
}

/** `[MESSAGE_AWARENESS, update]` for the given clients (all known ones by default). */
export function encodeAwareness(awareness: awarenessProtocol.Awareness, clients = [...awareness.getStates().keys()]): Uint8Array {
  return encodeAwarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clients));
}

/** `[MESSAGE_AWARENESS, update]` for an already encoded awareness update. */
export function encodeAwarenessMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}
