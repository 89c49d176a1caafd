import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import type { Config } from '../config.js';
import type { Services } from '../domain/Services.js';
import type { DraftRooms } from '../rooms/DraftRooms.js';
import { authenticateMember } from './authenticateMember.js';
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
 * HTTP 404 and no websocket) and closes a member's sockets with SESSION_ENDED when their sessions end.
 * `close` stops both and closes every socket (the rooms then unload as their clients leave).
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
  const stopWatching = options.services.sessions.onSessionsEnded((userId) => collab.closeMember(userId, CLOSE_CODE.SESSION_ENDED));
  return {
    server: collab,
    async close() {
      stopWatching();
      http.off('upgrade', onUpgrade);
      await collab.close();
    },
  };
}
