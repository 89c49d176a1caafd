import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { describe, expect, it } from 'vitest';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { COLLAB_LIMITS } from '../../../shared/collab/limits.js';
import { MESSAGE_AWARENESS } from '../../../shared/collab/messageTypes.js';
import { eventually, openRawSocket, signInCookie, starterDraftId } from '../../helpers/collabClient.js';
import { ApiClient } from '../../helpers/http.js';
import { reportFigure } from '../../helpers/reportFigure.js';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** An awareness message speaking for `clientIds`, each with a state of about `bytes` bytes. */
function presence(clientIds: number[], clock: number, bytes: number): Uint8Array {
  const update = encoding.createEncoder();
  encoding.writeVarUint(update, clientIds.length);
  for (const id of clientIds) {
    encoding.writeVarUint(update, id);
    encoding.writeVarUint(update, clock);
    encoding.writeVarString(update, JSON.stringify({ cursor: 'x'.repeat(bytes - 20) }));
  }
  const message = encoding.createEncoder();
  encoding.writeVarUint(message, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(message, encoding.toUint8Array(update));
  return encoding.toUint8Array(message);
}

async function openSocket(server: TestServer, draftId: string, cookie: string) {
  const socket = openRawSocket(server, `/collab/${draftId}`, { cookie });
  await socket.opened;
  return socket;
}

describe('limits per member', () => {
  it(`refuses a member’s socket past ${COLLAB_LIMITS.maxConnectionsPerMemberPerDraft} to one draft and past ${COLLAB_LIMITS.maxConnectionsPerMember} in all, with TOO_MANY_CONNECTIONS`, async () => {
    const server = await startTestServer();
    const secretariat = await new ApiClient(server.url).signIn('secretariat@example.org', TEST_PASSWORD);
    const drafts = [await starterDraftId(server)];
    for (let i = 0; i < 3; i++) drafts.push((await secretariat.post('/api/drafts', { title: `Draft ${i}` })).body.id);
    const cookie = await signInCookie(server, 'dk@example.org');
    const open: Array<Awaited<ReturnType<typeof openSocket>>> = [];
    for (let i = 0; i < COLLAB_LIMITS.maxConnectionsPerMemberPerDraft; i++) open.push(await openSocket(server, drafts[0]!, cookie));
    const ninth = await openSocket(server, drafts[0]!, cookie);
    expect((await ninth.closed).code).toBe(CLOSE_CODE.TOO_MANY_CONNECTIONS);
    // Another member is not affected.
    const other = await openSocket(server, drafts[0]!, await signInCookie(server, 'no@example.org'));
    await eventually(() => other.messages.length > 0, 'the other member’s greeting');

    for (const draftId of drafts.slice(1)) {
      for (let i = 0; i < COLLAB_LIMITS.maxConnectionsPerMemberPerDraft && open.length < COLLAB_LIMITS.maxConnectionsPerMember; i++) {
        open.push(await openSocket(server, draftId, cookie));
      }
    }
    expect(open).toHaveLength(COLLAB_LIMITS.maxConnectionsPerMember);
    const extra = await openSocket(server, drafts[3]!, cookie);
    expect((await extra.closed).code).toBe(CLOSE_CODE.TOO_MANY_CONNECTIONS);
    // Closing one makes room again.
    open[0]!.ws.close();
    await open[0]!.closed;
    await eventually(() => server.collab.stats().connections === COLLAB_LIMITS.maxConnectionsPerMember, 'the closed socket to be gone');
    const again = await openSocket(server, drafts[3]!, cookie);
    await eventually(() => again.messages.length > 0, 'a greeting for the socket that fits again');
  });

  it('passes on at most the presence budget of a member flooding presence from every socket it may open', async () => {
    const server = await startTestServer();
    const draftId = await starterDraftId(server);
    const honest = await openSocket(server, draftId, await signInCookie(server, 'au@example.org'));
    let received = 0;
    honest.ws.on('message', (data: Buffer) => {
      const decoder = decoding.createDecoder(new Uint8Array(data));
      if (decoding.readVarUint(decoder) === MESSAGE_AWARENESS) received += data.byteLength;
    });
    const cookie = await signInCookie(server, 'dk@example.org');
    const flooders: Array<Awaited<ReturnType<typeof openSocket>>> = [];
    for (let i = 0; i < COLLAB_LIMITS.maxConnectionsPerMemberPerDraft; i++) flooders.push(await openSocket(server, draftId, cookie));
    let clock = 1;
    // Each socket speaks for 4 presence ids with 8 KiB states, 10 times a second (a tenth of the allowed rate).
    const timer = setInterval(() => {
      clock += 1;
      flooders.forEach((socket, s) =>
        socket.ws.send(
          presence(
            [1, 2, 3, 4].map((n) => 1000 * (s + 1) + n),
            clock,
            COLLAB_LIMITS.maxAwarenessStateBytes - 64,
          ),
        ),
      );
    }, 100);
    try {
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const start = received;
      const seconds = 4;
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
      const perSecond = (received - start) / seconds;
      const sent = flooders.length * 4 * COLLAB_LIMITS.maxAwarenessStateBytes * 10;
      reportFigure(
        'presence flood (8 sockets x 4 ids x 8 KiB, 10/s): bytes per second sent / reaching an honest page',
        `${sent} / ${perSecond.toFixed(0)}`,
      );
      expect(perSecond).toBeLessThanOrEqual(COLLAB_LIMITS.presenceBytesPerSecondPerMember * 1.5);
      expect(perSecond).toBeGreaterThan(0);
    } finally {
      clearInterval(timer);
    }
    expect(flooders.every((socket) => socket.ws.readyState === socket.ws.OPEN)).toBe(true);
  });
});
