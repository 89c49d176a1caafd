import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { DraftRooms } from '../../../server/rooms/DraftRooms.js';
import type { RoomExtension } from '../../../server/rooms/RoomExtension.js';
import type { RoomStorage } from '../../../server/rooms/RoomStorage.js';

const DRAFT = 'AAAAAAAAAAAAAAAA';
const quiet = { warn: () => {}, error: () => {} };
const BASE = (() => {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', 'Gated');
  return Y.encodeStateAsUpdate(doc);
})();

/** Draft rooms whose stores wait until the test lets them finish; `changed` lists the drafts an extension heard change. */
function gatedServer() {
  const stored: Uint8Array[] = [];
  const changed: string[] = [];
  let release: () => void = () => {};
  let gate = new Promise<void>((resolve) => (release = resolve));
  const storage: RoomStorage = {
    load: async (_draftId, document) => {
      Y.applyUpdate(document, BASE);
      for (const update of stored) Y.applyUpdate(document, update);
      return { clientIdOwners: [] };
    },
    addClientIdOwners: async () => {},
    store: async (_draftId, update) => {
      await gate;
      stored.push(update);
    },
    unload: async () => {},
  };
  const server = new DraftRooms({ storage, log: quiet });
  const listener: RoomExtension = { name: 'listener', afterChange: ({ draftId }) => void changed.push(draftId) };
  server.use(listener);
  return {
    server,
    stored,
    changed,
    open() {
      release();
      gate = Promise.resolve();
    },
  };
}

describe('server-side changes of a live document (DraftRooms.change)', () => {
  it('answers only once the change is durable, with the result of the change', async () => {
    const { server, stored, changed, open } = gatedServer();
    let settled = false;
    const change = server.change(DRAFT, (doc) => {
      doc.getMap('meta').set('restored', true);
      return 'done';
    });
    void change.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(settled).toBe(false);
    expect(changed).toEqual([DRAFT]);
    open();
    await expect(change).resolves.toBe('done');
    const doc = new Y.Doc();
    Y.applyUpdate(doc, BASE);
    for (const update of stored) Y.applyUpdate(doc, update);
    expect(doc.getMap('meta').get('restored')).toBe(true);
    await server.close();
  });

  it('stores the change like a client’s: the document loaded again afterwards has it', async () => {
    const { server, open } = gatedServer();
    open();
    await server.change(DRAFT, (doc) => doc.getMap('meta').set('a', 1));
    const reads = await server.read(DRAFT, (doc) => doc.getMap('meta').toJSON());
    expect(reads).toMatchObject({ a: 1, title: 'Gated' });
    await server.close();
  });
});
