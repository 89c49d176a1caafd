import * as Y from 'yjs';

/** A client's update, decoded in full. */
export type DecodedUpdate = ReturnType<typeof Y.decodeUpdate>;

/**
 * Decodes a client's Yjs update completely and refuses, before anything is applied, the shapes that
 * decode but make Y.applyUpdate throw half-way through (found by fuzzing, test/reliability/
 * protocolRobustness.test.ts): an item whose origin, right origin or parent points at its own client's
 * future (Yjs cannot integrate it), and an empty deletion range. Throws an Error naming the problem.
 */
export function readClientUpdate(update: Uint8Array): DecodedUpdate {
  const decoded = Y.decodeUpdate(update);
  for (const struct of decoded.structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent] as unknown[]) {
      if (ref instanceof Y.ID && ref.client === struct.id.client && ref.clock >= struct.id.clock) {
        throw new Error('an item refers to its own future');
      }
    }
  }
  for (const ranges of decoded.ds.clients.values()) {
    for (const range of ranges) if (range.len <= 0) throw new Error('an empty deletion');
  }
  return decoded;
}
