import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { RoomRefusal } from '../rooms/RoomRefusal.js';
import { SharedFrame } from './SharedFrame.js';
import { SyncStep2Cache } from './SyncStep2Cache.js';

/** The text a fresh client holds after applying a sync step 2 message. */
function textAfter(message: Uint8Array | SharedFrame, base?: Y.Doc): string {
  const doc = base ?? new Y.Doc();
  const decoder = decoding.createDecoder(message instanceof SharedFrame ? message.message : message);
  expect([decoding.readVarUint(decoder), decoding.readVarUint(decoder)]).toEqual([0, 1]);
  Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  return doc.getText('t').toString();
}

describe('SyncStep2Cache', () => {
  it('shares one encoded answer among fresh joiners until the document changes', () => {
    const doc = new Y.Doc();
    doc.getText('t').insert(0, 'first');
    const cache = new SyncStep2Cache(doc);
    const empty = Y.encodeStateVector(new Y.Doc());
    const a = cache.answer(empty);
    expect(cache.answer(empty)).toBe(a);
    expect(textAfter(a)).toBe('first');
    doc.getText('t').insert(5, ' second');
    cache.invalidate();
    const b = cache.answer(empty);
    expect(b).not.toBe(a);
    expect(textAfter(b)).toBe('first second');
  });

  it('answers a client that already has part of the document with only what it lacks', () => {
    const doc = new Y.Doc();
    const long = 'first '.repeat(100);
    doc.getText('t').insert(0, long);
    const client = new Y.Doc();
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    doc.getText('t').insert(long.length, 'second');
    const cache = new SyncStep2Cache(doc);
    const answer = cache.answer(Y.encodeStateVector(client));
    const whole = cache.answer(Y.encodeStateVector(new Y.Doc())) as SharedFrame;
    expect(answer).toBeInstanceOf(Uint8Array);
    expect((answer as Uint8Array).byteLength).toBeLessThan(whole.message.byteLength / 10);
    expect(textAfter(answer, client)).toBe(`${long}second`);
  });

  it('refuses a state vector that does not decode with MALFORMED_MESSAGE', () => {
    const cache = new SyncStep2Cache(new Y.Doc());
    expect(() => cache.answer(Uint8Array.of(5, 200))).toThrow(RoomRefusal);
    try {
      cache.answer(Uint8Array.of(5, 200));
    } catch (error) {
      expect((error as RoomRefusal).code).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    }
  });
});
