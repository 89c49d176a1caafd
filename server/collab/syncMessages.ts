import * as encoding from 'lib0/encoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from '../../shared/collab/messageTypes.js';
import { encodeAcceptedState } from '../rooms/acceptedState.js';

/** `[MESSAGE_SYNC, update, update]`: one accepted update, encoded once and sent to every other client. */
export function encodeSyncUpdate(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `[MESSAGE_SYNC, step 1, state vector]`: asks a client for what it has beyond `stateVector`. */
export function encodeSyncStep1(stateVector: Map<number, number>): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep1);
  encoding.writeVarUint8Array(encoder, Y.encodeStateVector(stateVector));
  return encoding.toUint8Array(encoder);
}

/**
 * `[MESSAGE_SYNC, step 2, update]`: what a client lacks given its state vector, never what Yjs holds back
 * (encodeAcceptedState). Throws on a malformed state vector.
 */
export function encodeSyncStep2(doc: Y.Doc, stateVector: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, encodeAcceptedState(doc, stateVector));
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
