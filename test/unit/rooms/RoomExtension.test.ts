import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { DraftRoom } from '../../../server/rooms/DraftRoom.js';
import type { RoomMember } from '../../../server/rooms/RoomClient.js';
import type { ChangePayload, RoomExtension } from '../../../server/rooms/RoomExtension.js';
import { RoomRefusal } from '../../../server/rooms/RoomRefusal.js';
import type { RoomStorage } from '../../../server/rooms/RoomStorage.js';
import { FakeClient } from '../../helpers/fakeRoomClient.js';

const quiet = { warn: () => {}, error: () => {} };
const member: RoomMember = { id: 'm1', name: 'Delegate', role: 'delegate', delegation: null, delegationId: null, readOnly: false };
const turn = () => new Promise((resolve) => setImmediate(resolve));

/** A room on an in-memory storage with the given extensions, and one client in it. */
async function openRoom(extensions: RoomExtension[]) {
  const stored: Uint8Array[] = [];
  const storage: RoomStorage = {
    load: async () => ({ clientIdOwners: [] }),
    addClientIdOwners: async () => {},
    store: async (_draftId, update) => {
      stored.push(update);
    },
    unload: async () => {},
  };
  const room = new DraftRoom({ draftId: 'AAAAAAAAAAAAAAAA', storage, extensions, maxHeldBytes: 1 << 20, log: quiet, onGone: () => {} });
  const client = new FakeClient(member, (c) => room.leave(c));
  room.join(client);
  const other = new FakeClient(member, (c) => room.leave(c));
  room.join(other);
  await room.ready;
  const sent: Uint8Array[] = [];
  room.listen({ updates: (_batch, merged) => sent.push(merged), saved: () => {} });
  /** The client's own copy of the document, whose edits it sends. */
  const editor = new Y.Doc();
  const send = async (edit: (doc: Y.Doc) => void) => {
    const before = Y.encodeStateVector(editor);
    edit(editor);
    room.receive(client, Y.encodeStateAsUpdate(editor, before), 'update');
    await turn();
    await turn();
  };
  return { room, client, other, stored, sent, send, editor };
}

/** Refuses any change to meta.locked, with FORBIDDEN. */
const lock: RoomExtension = {
  name: 'lock',
  beforeApply({ decoded }) {
    for (const struct of decoded.structs) {
      if (struct instanceof Y.Item && struct.parentSub === 'locked') throw new RoomRefusal(CLOSE_CODE.FORBIDDEN, 'meta.locked is locked');
    }
  },
};

/** Rewrites what a member writes into meta.title to upper case: the same change, under the member's client id. */
const shout: RoomExtension = {
  name: 'shout',
  beforeApply({ doc, decoded, update }) {
    const item = decoded.structs.find((s): s is Y.Item => s instanceof Y.Item && s.parentSub === 'title');
    if (!item || !(item.content instanceof Y.ContentAny)) return;
    const scratch = new Y.Doc();
    scratch.clientID = item.id.client;
    Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
    const before = Y.encodeStateVector(scratch);
    scratch.getMap('meta').set('title', String(item.content.arr[0]).toUpperCase());
    const rewritten = Y.encodeStateAsUpdate(scratch, before);
    return rewritten.byteLength > 0 ? rewritten : update;
  },
};

describe('room extensions', () => {
  it('may refuse a member’s update: the member is ended with the extension’s code, nothing of it is applied, sent or stored', async () => {
    const { room, client, other, stored, sent, send } = await openRoom([lock]);
    await send((doc) => doc.getMap('meta').set('locked', 'changed'));
    expect(client.endedWith).toBe(CLOSE_CODE.FORBIDDEN);
    expect(other.endedWith).toBeNull();
    expect(room.doc.getMap('meta').has('locked')).toBe(false);
    expect(sent).toEqual([]);
    expect(stored).toEqual([]);
  });

  it('lets other updates through untouched', async () => {
    const { room, client, stored, send } = await openRoom([lock]);
    await send((doc) => doc.getMap('meta').set('title', 'Draft'));
    expect(client.endedWith).toBeNull();
    expect(room.doc.getMap('meta').get('title')).toBe('Draft');
    expect(stored).toHaveLength(1);
  });

  it('may rewrite a member’s update: the rewritten one is what the room applies, sends and stores', async () => {
    const { room, client, stored, sent, send } = await openRoom([shout]);
    await send((doc) => doc.getMap('meta').set('title', 'quiet title'));
    expect(client.endedWith).toBeNull();
    expect(room.doc.getMap('meta').get('title')).toBe('QUIET TITLE');
    for (const update of [sent[0]!, stored[0]!]) {
      const copy = new Y.Doc();
      Y.applyUpdate(copy, update);
      expect(copy.getMap('meta').get('title')).toBe('QUIET TITLE');
    }
  });

  it('refuses a rewrite that writes under a client id that is not the member’s', async () => {
    const forger: RoomExtension = {
      name: 'forger',
      beforeApply({ doc }) {
        const scratch = new Y.Doc();
        Y.applyUpdate(scratch, Y.encodeStateAsUpdate(doc));
        const before = Y.encodeStateVector(scratch);
        scratch.getMap('meta').set('title', 'someone else’s words');
        return Y.encodeStateAsUpdate(scratch, before);
      },
    };
    const { room, client, stored, send } = await openRoom([forger]);
    await send((doc) => doc.getMap('meta').set('title', 'mine'));
    expect(client.endedWith).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
    expect(room.doc.getMap('meta').has('title')).toBe(false);
    expect(stored).toEqual([]);
  });

  it('run in order, hear every change (the member’s and the server’s) with who made it, and the room’s life', async () => {
    const events: string[] = [];
    const recorder = (name: string): RoomExtension => ({
      name,
      onLoad: ({ draftId }) => void events.push(`${name} load ${draftId}`),
      beforeApply: () => void events.push(`${name} before`),
      afterApply: ({ transactions }) => void events.push(`${name} after ${transactions.length}`),
      afterChange: ({ member: who }: ChangePayload) => void events.push(`${name} change by ${who?.id ?? 'server'}`),
      onUnload: () => void events.push(`${name} unload`),
    });
    const { room, client, other, send } = await openRoom([recorder('a'), recorder('b')]);
    await send((doc) => doc.getMap('meta').set('title', 'Draft'));
    expect(room.acquire()).toBe(true);
    await room.change((doc) => doc.getMap('meta').set('title', 'Restored'));
    room.release();
    room.leave(client);
    room.leave(other);
    await room.gone;
    expect(events).toEqual([
      'a load AAAAAAAAAAAAAAAA',
      'b load AAAAAAAAAAAAAAAA',
      'a before',
      'b before',
      'a after 1',
      'b after 1',
      'a change by m1',
      'b change by m1',
      'a change by server',
      'b change by server',
      'a unload',
      'b unload',
    ]);
  });

  it('may correct a member’s update in afterApply: the correction goes out and to disk in the same write', async () => {
    const stamp: RoomExtension = {
      name: 'stamp',
      afterApply: ({ correct }) => correct((doc) => doc.getMap('meta').set('checked', true)),
    };
    const { room, stored, sent, send } = await openRoom([stamp]);
    await send((doc) => doc.getMap('meta').set('title', 'Draft'));
    expect(room.doc.getMap('meta').get('checked')).toBe(true);
    expect(stored).toHaveLength(1);
    expect(sent).toHaveLength(1);
    const copy = new Y.Doc();
    Y.applyUpdate(copy, stored[0]!);
    expect(copy.getMap('meta').toJSON()).toEqual({ title: 'Draft', checked: true });
  });
});
