import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import * as Y from 'yjs';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { DraftRooms } from '../rooms/DraftRooms.js';
import type { RoomMember } from '../rooms/RoomClient.js';
import { RoomRefusal } from '../rooms/RoomRefusal.js';
import type { RoomStorage } from '../rooms/RoomStorage.js';
import type { Authenticate } from './authenticateMember.js';
import { CollabServer, type CollabServerOptions } from './CollabServer.js';

const user: RoomMember = { id: 'u1', name: 'Delegate', role: 'delegate', delegation: null, delegationId: null, readOnly: false };
const DRAFT = 'AAAAAAAAAAAAAAAA';
const quiet = { warn: () => {}, error: () => {} };
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function storage(overrides: Partial<RoomStorage> = {}): RoomStorage {
  return {
    load: async () => ({ clientIdOwners: [] }),
    addClientIdOwners: async () => {},
    store: async () => {},
    unload: async () => {},
    ...overrides,
  };
}

/** The sync server over rooms on `storage`, the way startServer wires them (sockets closed first, then the rooms). */
async function serve(
  options: Partial<Omit<CollabServerOptions, 'rooms'>> & { storage: RoomStorage; shutdownTimeoutMs?: number },
): Promise<{ collab: CollabServer; rooms: DraftRooms; http: Server; url: string; close(): Promise<void> }> {
  const rooms = new DraftRooms({ storage: options.storage, log: quiet, shutdownTimeoutMs: options.shutdownTimeoutMs });
  const authenticate: Authenticate = options.authenticate ?? (() => user);
  const collab = new CollabServer({ log: quiet, ...options, rooms, authenticate });
  const http = createServer();
  http.on('upgrade', collab.handleUpgrade);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const close = async () => {
    await collab.close();
    await rooms.close();
  };
  cleanups.push(() => new Promise<void>((resolve) => http.close(() => resolve())), close);
  return { collab, rooms, http, url: `ws://127.0.0.1:${(http.address() as AddressInfo).port}/collab/${DRAFT}`, close };
}

function connect(url: string): { ws: WebSocket; closed: Promise<number> } {
  const ws = new WebSocket(url);
  ws.on('error', () => {});
  cleanups.push(() => ws.terminate());
  return { ws, closed: new Promise((resolve) => ws.on('close', (code) => resolve(code))) };
}

function updateFrame(): Uint8Array {
  const doc = new Y.Doc();
  doc.getMap('meta').set('x', 1);
  const update = Y.encodeStateAsUpdate(doc);
  return Uint8Array.of(0, 2, update.length, ...update);
}

describe('CollabServer', () => {
  it('closes an open socket with SESSION_ENDED once re-authentication fails', async () => {
    let revoked = false;
    const { url } = await serve({
      storage: storage(),
      authenticate: () => {
        if (revoked) throw new RoomRefusal(CLOSE_CODE.UNAUTHENTICATED, 'signed out');
        return user;
      },
      reauthenticateIntervalMs: 30,
    });
    const socket = connect(url);
    await new Promise((resolve) => socket.ws.once('message', resolve));
    revoked = true;
    expect(await socket.closed).toBe(CLOSE_CODE.SESSION_ENDED);
  });

  it('closes an open socket with ACCESS_CHANGED when re-authentication finds the same member with another permission', async () => {
    // The draft was archived, and its event never reached this process: the periodic re-check catches it.
    let archived = false;
    const { url } = await serve({
      storage: storage(),
      authenticate: () => ({ ...user, readOnly: archived }),
      reauthenticateIntervalMs: 30,
    });
    const socket = connect(url);
    await new Promise((resolve) => socket.ws.once('message', resolve));
    archived = true;
    expect(await socket.closed).toBe(CLOSE_CODE.ACCESS_CHANGED);
  });

  it('closes only the sockets whose permission changes when a draft is archived or restored', async () => {
    const reviewer: RoomMember = { ...user, id: 'u2', role: 'reviewer', readOnly: true };
    const members = [user, reviewer];
    const { url, collab } = await serve({ storage: storage(), authenticate: () => members.shift()! });
    const delegateSocket = connect(url);
    await new Promise((resolve) => delegateSocket.ws.once('message', resolve));
    const reviewerSocket = connect(url);
    await new Promise((resolve) => reviewerSocket.ws.once('message', resolve));
    let reviewerClosed = false;
    reviewerSocket.ws.on('close', () => (reviewerClosed = true));

    // A rename or a recount of the draft (nothing changes for anyone), then another draft archived.
    collab.accessChanged(DRAFT, (member) => ({ mayOpen: true, readOnly: member.role === 'reviewer' }));
    collab.accessChanged('BBBBBBBBBBBBBBBB', () => ({ mayOpen: true, readOnly: true }));
    expect(collab.stats().connections).toBe(2);
    // This draft archived: the delegate's socket must reconnect read-only; the reviewer's stays as it was.
    collab.accessChanged(DRAFT, () => ({ mayOpen: true, readOnly: true }));
    expect(await delegateSocket.closed).toBe(CLOSE_CODE.ACCESS_CHANGED);
    expect(collab.stats().connections).toBe(1);
    expect(reviewerClosed).toBe(false);
  });

  it('closes with FORBIDDEN the sockets of members who no longer take part in the draft, and only theirs', async () => {
    const reviewer: RoomMember = { ...user, id: 'u2', role: 'reviewer', readOnly: true };
    const members = [user, reviewer];
    const { url, collab } = await serve({ storage: storage(), authenticate: () => members.shift()! });
    const delegateSocket = connect(url);
    await new Promise((resolve) => delegateSocket.ws.once('message', resolve));
    const reviewerSocket = connect(url);
    await new Promise((resolve) => reviewerSocket.ws.once('message', resolve));
    let reviewerClosed = false;
    reviewerSocket.ws.on('close', () => (reviewerClosed = true));

    // The participants of another draft change, then this draft's: the delegate is no longer in it, the reviewer is.
    collab.accessChanged('BBBBBBBBBBBBBBBB', () => ({ mayOpen: false, readOnly: false }));
    expect(collab.stats().connections).toBe(2);
    collab.accessChanged(DRAFT, (member) => ({ mayOpen: member.role === 'reviewer', readOnly: member.role === 'reviewer' }));
    expect(await delegateSocket.closed).toBe(CLOSE_CODE.FORBIDDEN);
    expect(collab.stats().connections).toBe(1);
    expect(reviewerClosed).toBe(false);
  });

  it('closes joiners with STORAGE_FAILURE when the draft cannot be loaded, and loads afresh next time', async () => {
    let loads = 0;
    const { url, rooms } = await serve({
      storage: storage({
        load: async () => {
          loads += 1;
          if (loads === 1) throw new Error('corrupt snapshot');
          return { clientIdOwners: [] };
        },
      }),
    });
    expect(await connect(url).closed).toBe(CLOSE_CODE.STORAGE_FAILURE);
    const second = connect(url);
    await new Promise((resolve) => second.ws.once('message', resolve));
    expect(loads).toBe(2);
    expect(rooms.stats().rooms).toBe(1);
  });

  it('gives up on writes that cannot be saved after the shutdown timeout instead of hanging', async () => {
    const { url, close } = await serve({ storage: storage({ store: () => new Promise(() => {}) }), shutdownTimeoutMs: 100 });
    const socket = connect(url);
    await new Promise((resolve) => socket.ws.once('message', resolve));
    socket.ws.send(updateFrame());
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await close();
    expect(Date.now() - started).toBeLessThan(2000);
    expect(await socket.closed).toBe(CLOSE_CODE.SHUTTING_DOWN);
  });

  it('refuses new sockets with SHUTTING_DOWN while it is closing', async () => {
    const { url, close } = await serve({ storage: storage({ unload: () => new Promise((resolve) => setTimeout(resolve, 300)) }) });
    const socket = connect(url);
    await new Promise((resolve) => socket.ws.once('message', resolve));
    const closing = close();
    expect(await connect(url).closed).toBe(CLOSE_CODE.SHUTTING_DOWN);
    await closing;
  });

  it('lets server code read a draft: the live document when open, else one loaded just for the call', async () => {
    const { url, rooms } = await serve({
      storage: storage({
        load: async (_draftId, document) => {
          document.getMap('meta').set('title', 'Loaded');
          return { clientIdOwners: [] };
        },
      }),
    });
    expect(await rooms.read(DRAFT, (doc) => doc.getMap('meta').get('title'))).toBe('Loaded');
    await new Promise((resolve) => setImmediate(resolve));
    expect(rooms.stats().rooms).toBe(0);

    const socket = connect(url);
    await new Promise((resolve) => socket.ws.once('message', resolve));
    socket.ws.send(updateFrame());
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await rooms.read(DRAFT, (doc) => doc.getMap('meta').get('x'))).toBe(1);
    expect(rooms.stats().rooms).toBe(1);
  });

  it('rejects a read when the draft cannot be loaded', async () => {
    const { rooms } = await serve({
      storage: storage({
        load: async () => {
          throw new Error('gone');
        },
      }),
    });
    await expect(rooms.read(DRAFT, () => 1)).rejects.toThrow(/not available/);
  });
});
