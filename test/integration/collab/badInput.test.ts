import * as encoding from 'lib0/encoding';
import { beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { COLLAB_LIMITS } from '../../../shared/collab/limits.js';
import { MESSAGE_AWARENESS, MESSAGE_QUERY_AWARENESS, MESSAGE_SYNC } from '../../../shared/collab/messageTypes.js';
import { addClause } from '../../../shared/doc/addClause.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import {
  eventually,
  openCollabClient,
  openRawSocket,
  signInCookie,
  starterDraftId,
  type CollabClient,
} from '../../helpers/collabClient.js';
import { readDraftFromDisk } from '../../helpers/draftDisk.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

function awarenessFrame(clientId: number, json: string): Uint8Array {
  const update = frame((e) => {
    encoding.writeVarUint(e, 1);
    encoding.writeVarUint(e, clientId);
    encoding.writeVarUint(e, 1);
    encoding.writeVarString(e, json);
  });
  return frame((e) => {
    encoding.writeVarUint(e, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(e, update);
  });
}

/** An update from a client id that must never reach the server's document, cut short so it does not decode. */
const EVIL_CLIENT = 424242;
function truncatedEvilUpdate(): Uint8Array {
  const doc = new Y.Doc();
  doc.clientID = EVIL_CLIENT;
  addClause(doc, { kind: 'operative', heading: 'EVIL', paragraphs: ['EVIL TEXT '.repeat(20)] });
  const update = Y.encodeStateAsUpdate(doc);
  return update.subarray(0, update.length - 40);
}

const malformed: Array<[string, Uint8Array | string]> = [
  ['an empty frame', new Uint8Array()],
  ['an unknown message type', frame((e) => encoding.writeVarUint(e, 99))],
  [
    'an auth message, which clients do not send',
    frame((e) => {
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint(e, 0);
      encoding.writeVarString(e, 'let me in');
    }),
  ],
  [
    'a sync message of an unknown step',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 7);
    }),
  ],
  [
    'a sync update whose length runs past the end',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint(e, 5000);
      encoding.writeUint8Array(e, new Uint8Array(10));
    }),
  ],
  [
    'a sync step 1 followed by stray bytes',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, new Uint8Array([0]));
      encoding.writeUint8(e, 255);
    }),
  ],
  [
    'a sync step 1 with a broken state vector',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint8Array(e, new Uint8Array([5, 1]));
    }),
  ],
  [
    'a truncated Yjs update',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 2);
      encoding.writeVarUint8Array(e, truncatedEvilUpdate());
    }),
  ],
  [
    'a truncated Yjs update as sync step 2',
    frame((e) => {
      encoding.writeVarUint(e, MESSAGE_SYNC);
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint8Array(e, truncatedEvilUpdate());
    }),
  ],
  ['an awareness state that is not JSON', awarenessFrame(7, '{not json')],
  ['an awareness state that is an array', awarenessFrame(7, '[1,2]')],
  ['a text frame', 'hello'],
];

describe('bad input on one socket', () => {
  let server: TestServer;
  let draftId: string;
  let cookie: string;
  let a: CollabClient;
  let b: CollabClient;
  let edits = 0;

  /** A and B keep editing through the server: proves the process and the other clients carry on. */
  async function othersStillSync(): Promise<void> {
    edits += 1;
    const heading = `still syncing ${edits}`;
    addClause(a.doc, { kind: 'operative', heading });
    await eventually(() => readOrderedClauses(b.doc).some((c) => c.heading.toString() === heading), `edit ${edits} to reach b`);
  }

  async function openReadySocket() {
    const socket = openRawSocket(server, `/collab/${draftId}`, { cookie });
    await socket.opened;
    await eventually(() => socket.messages.length > 0, 'the server’s greeting');
    return socket;
  }

  beforeAll(async () => {
    server = await startTestServer();
    draftId = await starterDraftId(server);
    cookie = await signInCookie(server, 'dk@example.org');
    a = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'us@example.org') });
    b = await openCollabClient(server, { draftId, cookie: await signInCookie(server, 'au@example.org') });
  });

  for (const [name, data] of malformed) {
    it(`closes only the sending socket with MALFORMED_MESSAGE for ${name}`, async () => {
      const socket = await openReadySocket();
      socket.ws.send(data);
      expect((await socket.closed).code).toBe(CLOSE_CODE.MALFORMED_MESSAGE);
      await othersStillSync();
    });
  }

  it('closes a socket whose frame is over the size limit with MESSAGE_TOO_LARGE', async () => {
    const socket = await openReadySocket();
    socket.ws.send(new Uint8Array(COLLAB_LIMITS.maxFrameBytes + 1));
    expect((await socket.closed).code).toBe(CLOSE_CODE.MESSAGE_TOO_LARGE);
    await othersStillSync();
  });

  it('closes a socket whose awareness state is over the size limit with MESSAGE_TOO_LARGE', async () => {
    const socket = await openReadySocket();
    socket.ws.send(awarenessFrame(8, JSON.stringify({ note: 'x'.repeat(COLLAB_LIMITS.maxAwarenessStateBytes) })));
    expect((await socket.closed).code).toBe(CLOSE_CODE.MESSAGE_TOO_LARGE);
    await othersStillSync();
  });

  it('closes a flooding socket with RATE_LIMITED', async () => {
    const socket = await openReadySocket();
    const query = frame((e) => encoding.writeVarUint(e, MESSAGE_QUERY_AWARENESS));
    for (let i = 0; i < COLLAB_LIMITS.messageBurst + 100; i += 1) socket.ws.send(query);
    expect((await socket.closed).code).toBe(CLOSE_CODE.RATE_LIMITED);
    await othersStillSync();
  });

  it('cuts off a client that stops reading once too much is waiting for it', async () => {
    const socket = await openReadySocket();
    socket.ws.pause();
    const before = server.collab.stats().connections;
    // One-megabyte clauses from A pile up towards the paused socket.
    for (let i = 0; i < 24 && server.collab.stats().connections === before; i += 1) {
      addClause(a.doc, { kind: 'operative', heading: `bulk ${i}`, paragraphs: ['y'.repeat(1024 * 1024)] });
      await eventually(() => readOrderedClauses(b.doc).some((c) => c.heading.toString() === `bulk ${i}`), `bulk ${i} to reach b`, 15_000);
    }
    expect(server.collab.stats().connections).toBe(before - 1);
    socket.ws.resume();
    await othersStillSync();
  }, 60_000);

  it('stored nothing from any refused frame', async () => {
    const fresh = await openCollabClient(server, { draftId, cookie });
    expect(Y.decodeStateVector(Y.encodeStateVector(fresh.doc)).has(EVIL_CLIENT)).toBe(false);
    expect(Y.encodeStateVector(fresh.doc)).toEqual(Y.encodeStateVector(a.doc));
    await server.close();
    const onDisk = await readDraftFromDisk(server.dataDir, draftId);
    expect(Y.decodeStateVector(Y.encodeStateVector(onDisk)).has(EVIL_CLIENT)).toBe(false);
    expect(readOrderedClauses(onDisk).filter((c) => c.heading.toString().startsWith('still syncing'))).toHaveLength(edits);
  });
});
