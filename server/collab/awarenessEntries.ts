import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { RoomRefusal } from '../rooms/RoomRefusal.js';
import { readBytes } from './readClientMessage.js';

/** One client's entry in an awareness update: its id, clock and state (null = the client left). */
export interface AwarenessEntry {
  clientId: number;
  clock: number;
  state: Record<string, unknown> | null;
}

/** An entry as read from a client, with the size of its state as sent (JSON bytes). */
export interface ReceivedAwarenessEntry extends AwarenessEntry {
  bytes: number;
}

/** More entries than this in one message is not a real client. */
const MAX_ENTRIES = 1000;
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a y-protocols awareness update strictly: every state must be JSON null or a JSON object of at
 * most `maxStateBytes`. Throws RoomRefusal (MALFORMED_MESSAGE, or MESSAGE_TOO_LARGE for a big state).
 */
export function readAwarenessEntries(update: Uint8Array, maxStateBytes: number): ReceivedAwarenessEntry[] {
  const decoder = decoding.createDecoder(update);
  const entries: ReceivedAwarenessEntry[] = [];
  try {
    const count = decoding.readVarUint(decoder);
    if (count > MAX_ENTRIES) throw new Error('too many awareness entries');
    for (let i = 0; i < count; i += 1) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const json = readBytes(decoder);
      if (json.byteLength > maxStateBytes) {
        throw new RoomRefusal(CLOSE_CODE.MESSAGE_TOO_LARGE, `awareness state of ${json.byteLength} bytes`);
      }
      entries.push({ clientId, clock, state: parseState(utf8.decode(json)), bytes: json.byteLength });
    }
    if (decoding.hasContent(decoder)) throw new Error('trailing bytes in awareness update');
  } catch (error) {
    if (error instanceof RoomRefusal) throw error;
    throw new RoomRefusal(CLOSE_CODE.MALFORMED_MESSAGE, `unreadable awareness update: ${(error as Error).message}`);
  }
  return entries;
}

function parseState(json: string): Record<string, unknown> | null {
  const state: unknown = JSON.parse(json);
  if (state === null) return null;
  if (typeof state !== 'object' || Array.isArray(state)) throw new Error('awareness state is not an object');
  return state as Record<string, unknown>;
}

/** Encodes entries in the y-protocols awareness update format. */
export function encodeAwarenessEntries(entries: readonly AwarenessEntry[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, entries.length);
  for (const entry of entries) {
    encoding.writeVarUint(encoder, entry.clientId);
    encoding.writeVarUint(encoder, entry.clock);
    encoding.writeVarString(encoder, JSON.stringify(entry.state));
  }
  return encoding.toUint8Array(encoder);
}
