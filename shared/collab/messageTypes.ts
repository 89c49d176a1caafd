/**
 * Message types of the collaboration socket: the first varUint of every binary frame.
 * 0-3 are y-websocket's (y-protocols sync and awareness); ours start at 100, far from y-websocket's and
 * from other servers' extensions (hocuspocus uses up to about 10), so a stock client never meets one.
 */

/** y-protocols sync: step 1 (state vector), step 2 (missing updates) and update. */
export const MESSAGE_SYNC = 0;
/** y-protocols awareness update (presence). */
export const MESSAGE_AWARENESS = 1;
/** y-protocols auth (permission denied). Not used by this server; a client sending it is malformed. */
export const MESSAGE_AUTH = 2;
/** Ask for every awareness state; the server answers with one awareness message. */
export const MESSAGE_QUERY_AWARENESS = 3;

/**
 * Client -> server, no payload: "tell me when edits are saved". Sent once after each connect by clients
 * that want it (see savedProtocol.ts); stock clients never send it and never receive MESSAGE_SAVED.
 */
export const MESSAGE_SAVED_SUBSCRIBE = 100;
/** Server -> subscribed client: what is durable on disk now (see savedProtocol.ts for the payload). */
export const MESSAGE_SAVED = 101;
