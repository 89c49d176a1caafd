import { beforeAll, describe, expect, it } from 'vitest';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { MESSAGE_SYNC } from '../../../shared/collab/messageTypes.js';
import { eventually, openCollabClient, openRawSocket, rawUpgrade, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { startTestServer, type TestServer } from '../../helpers/testServer.js';

describe('opening a draft socket', () => {
  let server: TestServer;
  let draftId: string;
  let cookie: string;

  beforeAll(async () => {
    server = await startTestServer({ env: { ALLOWED_ORIGINS: 'https://drafting.example.org' } });
    draftId = await starterDraftId(server);
    cookie = await signInCookie(server, 'us@example.org');
  });

  const refusals: Array<[string, () => { path: string; cookie: string | null; origin?: string | null }, number]> = [
    ['without a session', () => ({ path: `/collab/${draftId}`, cookie: null }), CLOSE_CODE.UNAUTHENTICATED],
    ['with an unknown session token', () => ({ path: `/collab/${draftId}`, cookie: 'sid=not-a-real-token' }), CLOSE_CODE.UNAUTHENTICATED],
    ['from a foreign origin', () => ({ path: `/collab/${draftId}`, cookie, origin: 'http://evil.example' }), CLOSE_CODE.BAD_ORIGIN],
    [
      'from a foreign origin, even without a session',
      () => ({ path: `/collab/${draftId}`, cookie: null, origin: 'http://evil.example' }),
      CLOSE_CODE.BAD_ORIGIN,
    ],
    ['for a draft that does not exist', () => ({ path: '/collab/AAAAAAAAAAAAAAAA', cookie }), CLOSE_CODE.UNKNOWN_DRAFT],
    ['for an encoded slash', () => ({ path: `/collab/%2F..%2F${draftId.slice(0, 8)}`, cookie }), CLOSE_CODE.BAD_DRAFT_ID],
    [
      'for an encoded slash inside an id-shaped name',
      () => ({ path: `/collab/${draftId.slice(0, 13)}%2F`, cookie }),
      CLOSE_CODE.BAD_DRAFT_ID,
    ],
    ['for an over-long id', () => ({ path: `/collab/${draftId}A`, cookie }), CLOSE_CODE.BAD_DRAFT_ID],
    ['for __proto__', () => ({ path: '/collab/__proto__', cookie }), CLOSE_CODE.BAD_DRAFT_ID],
    ['for an extra path segment', () => ({ path: `/collab/${draftId}/x`, cookie }), CLOSE_CODE.BAD_DRAFT_ID],
    ['for an empty name', () => ({ path: '/collab/', cookie }), CLOSE_CODE.BAD_DRAFT_ID],
    ['for a bad id before looking at the session', () => ({ path: '/collab/bad', cookie: null }), CLOSE_CODE.BAD_DRAFT_ID],
  ];

  for (const [name, request, code] of refusals) {
    it(`is refused ${name}, with close code ${code} after the handshake`, async () => {
      const { path, cookie: sent, origin } = request();
      const socket = openRawSocket(server, path, { cookie: sent, origin });
      await socket.opened;
      expect((await socket.closed).code).toBe(code);
      expect(socket.messages).toEqual([]);
    });
  }

  it('is refused for a literal .. or ../.. path (sent without URL normalisation), with BAD_DRAFT_ID', async () => {
    for (const target of ['/collab/..', '/collab/../..', `/collab/../collab/${draftId}`, '/collab/.%2E']) {
      expect(await rawUpgrade(server, target, { cookie, origin: server.url })).toEqual({ status: 101, closeCode: CLOSE_CODE.BAD_DRAFT_ID });
    }
    expect(await rawUpgrade(server, `/collab/${draftId}`, { cookie, origin: server.url })).toEqual({ status: 101, closeCode: null });
  });

  it('is answered with a plain 404 and no websocket outside /collab/', async () => {
    const socket = openRawSocket(server, '/api/drafts', { cookie });
    await expect(socket.opened).rejects.toThrow(/404/);
  });

  it('is accepted from a configured origin and without an Origin header (non-browser clients)', async () => {
    for (const origin of ['https://drafting.example.org', null]) {
      const socket = openRawSocket(server, `/collab/${draftId}?client=test`, { cookie, origin });
      await socket.opened;
      await eventually(() => socket.messages.length > 0, 'the server’s first message');
      expect(socket.messages[0]![0]).toBe(MESSAGE_SYNC);
      socket.ws.close();
    }
  });

  it('makes a stock y-websocket client stop retrying on a final code', async () => {
    const client = await openCollabClient(server, { draftId, cookie: null, waitForSync: false });
    const closed = await new Promise<{ code: number }>((resolve) => client.provider.on('closed', (event) => resolve(event)));
    expect(closed.code).toBe(CLOSE_CODE.UNAUTHENTICATED);
    expect(client.provider.shouldConnect).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(client.closes).toHaveLength(1);
  });
});
