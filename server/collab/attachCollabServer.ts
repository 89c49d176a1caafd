import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import type { Config } from '../config.js';
import { mayAccess } from '../domain/DraftService.js';
import type { Services } from '../domain/Services.js';
import { hashToken } from '../domain/tokens.js';
import { readCookie, SESSION_COOKIE } from '../http/cookies.js';
import type { DraftRooms } from '../rooms/DraftRooms.js';
import { authenticateMember, isReadOnly } from './authenticateMember.js';
import type { MemberSlots } from './MemberSlots.js';
import type { PresenceExchange } from './PresenceExchange.js';
import { CollabServer } from './CollabServer.js';

export interface AttachCollabOptions {
  rooms: DraftRooms;
  services: Services;
  /** config.allowedOrigins (ALLOWED_ORIGINS and the origin of PUBLIC_URL) may open sockets, besides the request's own origin. */
  config: Pick<Config, 'allowedOrigins'>;
  /** Presence shared with other server processes (several processes on one database). */
  presence?: PresenceExchange;
  /** Members' socket caps counted across every process. */
  slots?: MemberSlots;
}

/**
 * Serves /collab/<draftId> on the app's HTTP server: handles its 'upgrade' event (other paths get a bare
 * HTTP 404 and no websocket), closes a member's sockets with SESSION_ENDED when their sessions end, when a
 * draft is archived or restored closes the sockets whose permission that changes with ACCESS_CHANGED, and
 * when its participants change closes those of members no longer taking part with FORBIDDEN
 * (CollabServer.accessChanged). That follows the draft's `draft.updated` event rather than the request that
 * archived it, so with several processes it reaches the sockets on every one of them (the events cross
 * processes over Redis). `close` stops all three and closes every socket (the rooms then unload as their
 * clients leave).
 */
export function attachCollabServer(http: Server, options: AttachCollabOptions): { server: CollabServer; close(): Promise<void> } {
  const collab = new CollabServer({
    rooms: options.rooms,
    authenticate: authenticateMember(options.services),
    allowedOrigins: options.config.allowedOrigins,
    presence: options.presence,
    slots: options.slots,
  });
  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (collab.handleUpgrade(request, socket, head)) return;
    // No websocket for other paths, unless another endpoint listens for them too.
    if (http.listenerCount('upgrade') === 1) socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  http.on('upgrade', onUpgrade);
  const stopWatching = options.services.sessions.onSessionsEnded((userId, ended) =>
    collab.closeMember(userId, CLOSE_CODE.SESSION_ENDED, (request) =>
      ended(hashToken(readCookie(request.headers.cookie, SESSION_COOKIE) ?? '')),
    ),
  );
  // Every `draft.updated` says whether the draft is archived now and who takes part; most (renames, counts)
  // change nothing here.
  const stopFollowingDrafts = options.services.events.subscribeAll((draftId, event) => {
    if (event.type !== 'draft.updated') return;
    collab.accessChanged(draftId, (member) => ({
      mayOpen: mayAccess(member, event.draft),
      readOnly: isReadOnly(member.role, event.draft.archived),
    }));
  });
  return {
    server: collab,
    async close() {
      stopWatching();
      stopFollowingDrafts();
      http.off('upgrade', onUpgrade);
      await collab.close();
    },
  };
}
