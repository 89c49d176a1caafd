import * as decoding from 'lib0/decoding';
import * as syncProtocol from 'y-protocols/sync';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SAVED_SUBSCRIBE, MESSAGE_SYNC } from '../../shared/collab/messageTypes.js';
import { RoomRefusal } from '../rooms/RoomRefusal.js';

/** One frame from a client, fully read and checked for shape (the Yjs payload is checked when applied). */
export type ClientMessage =
  | { type: 'syncStep1'; stateVector: Uint8Array }
  | { type: 'syncStep2' | 'update'; update: Uint8Array }
  | { type: 'awareness'; update: Uint8Array }
  | { type: 'queryAwareness' }
  | { type: 'savedSubscribe' };

/**
 * Reads a whole frame before anything is acted on: an unknown type, a length running past the end or
 * bytes left over make it MALFORMED_MESSAGE. Payloads are copied into their own buffers, so a bad inner
 * length inside a Yjs update can only fail, never read neighbouring memory of a pooled network buffer.
 */
export function readClientMessage(frame: Uint8Array): ClientMessage {
  try {
    const decoder = decoding.createDecoder(frame);
    const message = readBody(decoder, decoding.readVarUint(decoder));
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes');
    return message;
  } catch (error) {
    if (error instanceof RoomRefusal) throw error;
    throw new RoomRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `unreadable frame: ${(error as Error).message}`);
  }
}

function readBody(decoder: decoding.Decoder, type: number): ClientMessage {
  switch (type) {
    case MESSAGE_SYNC:
      return readSync(decoder);
    case MESSAGE_AWARENESS:
      return { type: 'awareness', update: readBytes(decoder) };
    case MESSAGE_QUERY_AWARENESS:
      return { type: 'queryAwareness' };
    case MESSAGE_SAVED_SUBSCRIBE:
      return { type: 'savedSubscribe' };
    default:
      throw new Error(`unknown message type ${type}`);
  }
}

function readSync(decoder: decoding.Decoder): ClientMessage {
  const step = decoding.readVarUint(decoder);
  switch (step) {
    case syncProtocol.messageYjsSyncStep1:
      return { type: 'syncStep1', stateVector: readBytes(decoder) };
    case syncProtocol.messageYjsSyncStep2:
      return { type: 'syncStep2', update: readBytes(decoder) };
    case syncProtocol.messageYjsUpdate:
      return { type: 'update', update: readBytes(decoder) };
    default:
      throw new Error(`unknown sync step ${step}`);
  }
}

/** A length-prefixed byte string, bounds-checked and copied. */
export function readBytes(decoder: decoding.Decoder): Uint8Array {
  const length = decoding.readVarUint(decoder);
  if (length > decoder.arr.length - decoder.pos) throw new Error('length past the end of the frame');
  const bytes = decoder.arr.slice(decoder.pos, decoder.pos + length);
  decoder.pos += length;
  return bytes;
}
