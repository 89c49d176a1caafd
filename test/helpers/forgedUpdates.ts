import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import * as Y from 'yjs';
import { MESSAGE_SYNC } from '../../shared/collab/messageTypes.js';

/**
 * Yjs updates written byte by byte (update format 1), for tests that must send what no Yjs client would:
 * ranges under someone else's client id, gaps, items pointing anywhere. Nothing is checked.
 */

/** One struct of a forged update. */
export type ForgedStruct =
  | { kind: 'gc'; length: number }
  | { kind: 'skip'; length: number }
  | {
      kind: 'text';
      text: string;
      origin?: { client: number; clock: number };
      rightOrigin?: { client: number; clock: number };
      /** Without origins: the parent, a root type's name or an item's id. @default 'forged' (a root type) */
      parent?: string | { client: number; clock: number };
    };

/** The structs of one client, starting at `clock`. */
export interface ForgedRun {
  client: number;
  clock: number;
  structs: ForgedStruct[];
}

export interface ForgedDeletion {
  client: number;
  clock: number;
  length: number;
}

/** Encodes runs of structs and deletions as a Yjs update (format 1). */
export function forgeUpdate(runs: ForgedRun[], deletions: ForgedDeletion[] = []): Uint8Array {
  const encoder = new Y.UpdateEncoderV1();
  encoding.writeVarUint(encoder.restEncoder, runs.length);
  for (const run of runs) {
    encoding.writeVarUint(encoder.restEncoder, run.structs.length);
    encoder.writeClient(run.client);
    encoding.writeVarUint(encoder.restEncoder, run.clock);
    for (const struct of run.structs) writeStruct(encoder, struct);
  }
  const byClient = new Map<number, ForgedDeletion[]>();
  for (const deletion of deletions) byClient.set(deletion.client, [...(byClient.get(deletion.client) ?? []), deletion]);
  encoding.writeVarUint(encoder.restEncoder, byClient.size);
  for (const [client, ranges] of byClient) {
    encoding.writeVarUint(encoder.restEncoder, client);
    encoding.writeVarUint(encoder.restEncoder, ranges.length);
    for (const range of ranges) {
      encoder.writeDsClock(range.clock);
      encoder.writeDsLen(range.length);
    }
  }
  return encoder.toUint8Array();
}

function writeStruct(encoder: Y.UpdateEncoderV1, struct: ForgedStruct): void {
  if (struct.kind === 'gc') {
    encoder.writeInfo(0);
    encoder.writeLen(struct.length);
    return;
  }
  if (struct.kind === 'skip') {
    encoder.writeInfo(10);
    encoding.writeVarUint(encoder.restEncoder, struct.length);
    return;
  }
  const contentString = 4;
  encoder.writeInfo(contentString | (struct.origin ? 0x80 : 0) | (struct.rightOrigin ? 0x40 : 0));
  if (struct.origin) encoder.writeLeftID(Y.createID(struct.origin.client, struct.origin.clock));
  if (struct.rightOrigin) encoder.writeRightID(Y.createID(struct.rightOrigin.client, struct.rightOrigin.clock));
  if (!struct.origin && !struct.rightOrigin) {
    const parent = struct.parent ?? 'forged';
    encoder.writeParentInfo(typeof parent === 'string');
    if (typeof parent === 'string') encoder.writeString(parent);
    else encoder.writeLeftID(Y.createID(parent.client, parent.clock));
  }
  encoder.writeString(struct.text);
}

/**
 * What a client holding `source`'s state would send if it edited with `clientId`: the edit's update,
 * items starting at that client id's clock in `source`.
 */
export function editUnder(source: Y.Doc, clientId: number, edit: (doc: Y.Doc) => void): Uint8Array {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
  doc.clientID = clientId;
  const before = Y.encodeStateVector(doc);
  edit(doc);
  const update = Y.encodeStateAsUpdate(doc, before);
  doc.destroy();
  return update;
}

/** `[MESSAGE_SYNC, update]`, a live edit as y-websocket sends it. */
export function updateMessage(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeUpdate(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `[MESSAGE_SYNC, step 2, update]`, a client's answer to the server's sync step 1. */
export function syncStep2Message(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** `[MESSAGE_SYNC, step 1, state vector]` for a document. */
export function syncStep1Message(doc: Y.Doc): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  syncProtocol.writeSyncStep1(encoder, doc);
  return encoding.toUint8Array(encoder);
}

/** The state vector in the first sync step 1 a raw socket received (the server's greeting), or null. */
export function greetingStateVector(messages: readonly Uint8Array[]): Map<number, number> | null {
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
    if (decoding.readVarUint(decoder) !== syncProtocol.messageYjsSyncStep1) continue;
    return Y.decodeStateVector(decoding.readVarUint8Array(decoder));
  }
  return null;
}

/** Applies the document updates among sync messages a raw socket received (live updates and sync step 2s). */
export function applySyncUpdates(doc: Y.Doc, messages: readonly Uint8Array[]): void {
  for (const message of messages) {
    const decoder = decoding.createDecoder(message);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
    const step = decoding.readVarUint(decoder);
    if (step === syncProtocol.messageYjsSyncStep2 || step === syncProtocol.messageYjsUpdate)
      Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
}
