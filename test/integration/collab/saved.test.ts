import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { MESSAGE_SAVED, MESSAGE_SYNC } from '../../../shared/collab/messageTypes.js';
import { encodeSavedSubscribe, readSavedMessage } from '../../../shared/collab/savedProtocol.js';
import { trackSaved } from '../../../shared/collab/trackSaved.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { eventually, openCollabClient, openRawSocket, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { readDraftFromDisk } from '../../helpers/draftDisk.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

function updateFrame(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, 2);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

function savedMessages(messages: Uint8Array[]) {
  return messages
    .map((m) => decoding.createDecoder(m))
    .filter((d) => decoding.readVarUint(d) === MESSAGE_SAVED)
    .map((d) => readSavedMessage(d));
}

describe('the saved notification', () => {
  let server: TestServer;
  let draftId: string;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    cookie = await signInCookie(server, 'us@example.org');
  });

  it('answers a subscription at once and then reports a state vector covering the client’s update once it is on disk', async () => {
    const socket = openRawSocket(server, `/collab/${draftId}`, { cookie });
    await socket.opened;
    socket.ws.send(encodeSavedSubscribe());
    await eventually(() => savedMessages(socket.messages).length === 1, 'the first saved message');

    const local = new Y.Doc();
    local.clientID = 777001;
    local.getMap('meta').set('note', 'from a raw client');
    socket.ws.send(updateFrame(Y.encodeStateAsUpdate(local)));
    await eventually(
      () => savedMessages(socket.messages).some((m) => (m.stateVector.get(777001) ?? 0) >= Y.getState(local.store, 777001)),
      'a saved message covering the update',
    );
  });

  it('is never sent to a client that did not ask for it', async () => {
    const socket = openRawSocket(server, `/collab/${draftId}`, { cookie });
    await socket.opened;
    const local = new Y.Doc();
    local.getMap('meta').set('quiet', true);
    socket.ws.send(updateFrame(Y.encodeStateAsUpdate(local)));
    const other = await openCollabClient(server, { draftId, cookie });
    const tracker = trackSaved(other.provider, () => {});
    other.doc.getMap('meta').set('other', 1);
    await eventually(() => tracker.saved, 'the other client’s edit to be saved');
    expect(socket.messages.length).toBeGreaterThan(0);
    expect(socket.messages.filter((m) => m[0] === MESSAGE_SAVED)).toEqual([]);
  });

  it('turns a tracked client to unsaved on each edit, insertions and deletions alike, and back once on disk', async () => {
    const client = await openCollabClient(server, { draftId, cookie });
    const changes: boolean[] = [];
    const tracker = trackSaved(client.provider, (saved) => changes.push(saved));
    await eventually(() => tracker.saved, 'the synced document to count as saved');
    const heading = readOrderedClauses(client.doc)[5]!.heading;

    heading.insert(0, 'Saved edit: ');
    expect(tracker.saved).toBe(false);
    await eventually(() => tracker.saved, 'the insertion to be saved');

    heading.delete(0, 'Saved edit: '.length);
    expect(tracker.saved).toBe(false);
    await eventually(() => tracker.saved, 'the deletion to be saved');
    expect(changes).toEqual([true, false, true, false, true]);
    const final = heading.toString();

    await server.close();
    const onDisk = await readDraftFromDisk(server.dataDir, draftId);
    expect(readOrderedClauses(onDisk)[5]!.heading.toString()).toBe(final);
    expect(onDisk.getMap('meta').get('note')).toBe('from a raw client');
  });
});
