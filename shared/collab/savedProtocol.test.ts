import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SAVED, MESSAGE_SAVED_SUBSCRIBE } from './messageTypes.js';
import { encodeSavedMessage, encodeSavedSubscribe, readSavedMessage, SavedState } from './savedProtocol.js';

function roundTrip(bytes: Uint8Array) {
  const decoder = decoding.createDecoder(bytes);
  expect(decoding.readVarUint(decoder)).toBe(MESSAGE_SAVED);
  return readSavedMessage(decoder);
}

describe('the saved protocol', () => {
  it('subscribes with a one-number frame', () => {
    expect([...encodeSavedSubscribe()]).toEqual([MESSAGE_SAVED_SUBSCRIBE]);
  });

  it('counts a document saved only when both its insertions and its deletions are on disk', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'hello world');
    const saved = new SavedState();
    expect(saved.covers(doc)).toBe(false);
    const afterInsert = Y.snapshot(doc);
    saved.add(roundTrip(encodeSavedMessage(afterInsert.sv, afterInsert.ds)));
    expect(saved.covers(doc)).toBe(true);

    // A deletion leaves the state vector as it was: only the delete set tells it is unsaved.
    doc.getText('t').delete(0, 6);
    expect(Y.snapshot(doc).sv).toEqual(afterInsert.sv);
    expect(saved.covers(doc)).toBe(false);
    saved.add(roundTrip(encodeSavedMessage(afterInsert.sv, Y.snapshot(doc).ds)));
    expect(saved.covers(doc)).toBe(true);
  });

  it('accumulates deletions sent as deltas over several messages', () => {
    const doc = new Y.Doc();
    const text = doc.getText('t');
    text.insert(0, 'abcdef');
    const saved = new SavedState();
    const sv = Y.snapshot(doc).sv;
    saved.add(roundTrip(encodeSavedMessage(sv, Y.createDeleteSet())));
    text.delete(0, 1);
    const first = Y.snapshot(doc).ds;
    saved.add(roundTrip(encodeSavedMessage(sv, first)));
    text.delete(2, 1);
    expect(saved.covers(doc)).toBe(false);
    const second = Y.snapshot(doc).ds; // includes the first deletion too, as a delta may
    saved.add(roundTrip(encodeSavedMessage(sv, second)));
    expect(saved.covers(doc)).toBe(true);
  });

  it('reads a message carrying only the state vector, as a minimal server might send', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'x');
    const encoder = encoding.createEncoder();
    encoding.writeVarUint8Array(encoder, Y.encodeStateVector(doc));
    const message = readSavedMessage(decoding.createDecoder(encoding.toUint8Array(encoder)));
    expect(message.stateVector).toEqual(Y.snapshot(doc).sv);
    expect(message.deletions.clients.size).toBe(0);
  });
});
