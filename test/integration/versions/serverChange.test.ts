import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabServer } from '../../../server/collab/CollabServer.js';
import type { CollabHooks } from '../../../server/collab/CollabHooks.js';
import { CollabRefusal } from '../../../server/collab/CollabRefusal.js';

const DRAFT = 'AAAAAAAAAAAAAAAA';
const quiet = { warn: () => {}, error: () => {} };
const BASE = (() => {
  const doc = new Y.Doc();
  doc.getMap('meta').set('title', 'Gated');
  return Y.encodeStateAsUpdate(doc);
})();

/** A collab server whose stores wait until the test lets them finish. */
function gatedServer() {
  const stored: Uint8Array[] = [];
  let release: () => void = () => {};
  let gate = new Promise<void>((resolve) => (release = resolve));
  const hooks: CollabHooks = {
    authenticate: () => {
      throw new CollabRefusal(4401, 'no sockets in this test');
    },
    load: async ({ document }) => {
      Y.applyUpdate(document, BASE);
      for (const update of stored) Y.applyUpdate(document, update);
    },
    addClientIdOwners: async () => {},
    store: async ({ update }) => {
      await gate;
      stored.push(update);
    },
    unload: async () => {},
  };
  const server = new CollabServer({ hooks, log: quiet });
  return {
    server,
    stored,
    open() {
      release();
      gate = Promise.resolve();
    },
  };
}

describe('server-side changes of a live document (CollabServer.change)', () => {
  it('answers only once the change is durable, with the result of the change', async () => {
    const { server, stored, open } = gatedServer();
    const changed: string[] = [];
    server.onDraftChanged((draftId) => changed.push(draftId));
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
