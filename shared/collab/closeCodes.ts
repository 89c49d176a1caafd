/**
 * Close codes of the collaboration socket (/collab/<draftId>): the one home of every code the server
 * sends, so neither side writes a number inline.
 *
 * The ranges follow y-websocket's own convention, so stock clients behave correctly too:
 * 4400-4499 are final (like HTTP 4xx: reconnecting cannot help, the client must stop and tell the user),
 * 4500-4599 are transient (like HTTP 5xx: reconnect with back-off). y-websocket's default
 * `shouldReconnect` stops exactly on 4400-4499 and then emits `closed`.
 *
 * Refusals at the upgrade (bad id, origin, session, draft, permission) complete the websocket handshake
 * and close at once with the code, because a browser cannot read the HTTP status of a refused upgrade.
 */
export const CLOSE_CODE = {
  /**
   * A frame that is not a message of this protocol: truncated, trailing bytes, an unknown message type,
   * a Yjs update or awareness entry that does not decode, or a text frame. Final: the same client would
   * send the same bytes again. Nothing from the frame was applied or stored.
   */
  MALFORMED_MESSAGE: 4400,
  /** No session cookie, or the session is unknown or expired. Final: sign in again. */
  UNAUTHENTICATED: 4401,
  /** Signed in, but this member may not open this draft. Final. */
  FORBIDDEN: 4403,
  /**
   * The member's change breaks a rule of the draft, so nothing of it took effect: it edits a clause that is
   * agreed (locked), or, on a draft in amendments mode, a delegate's change alters accepted text or another
   * delegation's proposal instead of proposing (the close frame's reason says which). Final: the same
   * client would send the same change again; the app's page reopens the draft from the server's text.
   */
  EDIT_REFUSED: 4409,
  /** The draft id has the right shape but no such draft exists. Final. */
  UNKNOWN_DRAFT: 4404,
  /** The page that opened the socket is not the app's own origin nor a configured one. Final. */
  BAD_ORIGIN: 4406,
  /** The member's sessions were ended while connected (deactivated, role changed, signed out elsewhere, expired). Final: sign in again. */
  SESSION_ENDED: 4410,
  /** A frame over COLLAB_LIMITS.maxFrameBytes, or an awareness state over maxAwarenessStateBytes. Final: the same data would be sent again. */
  MESSAGE_TOO_LARGE: 4413,
  /** The path is not /collab/<draftId> with a well-formed draft id (shared/ids.ts). Final. */
  BAD_DRAFT_ID: 4414,
  /**
   * The member already has COLLAB_LIMITS.maxConnectionsPerMemberPerDraft sockets open to this draft, or
   * maxConnectionsPerMember in all. Final: close other windows, then reload.
   */
  TOO_MANY_CONNECTIONS: 4429,
  /** Something unexpected on the server; the document is reloaded from disk. Transient: reconnect. */
  INTERNAL_ERROR: 4500,
  /** The server is restarting or stopping; everything accepted so far was flushed. Transient: reconnect. */
  SHUTTING_DOWN: 4503,
  /** The draft's saved state could not be read. Transient: reconnect later; the draft is never served empty instead. */
  STORAGE_FAILURE: 4507,
  /** The client read too slowly: more than COLLAB_LIMITS.maxBufferedBytes were waiting for it. Transient: reconnect and resync. */
  SLOW_CONSUMER: 4508,
  /** More messages than COLLAB_LIMITS allows per second. Transient: reconnect after back-off. */
  RATE_LIMITED: 4529,
  /**
   * With several server processes: the member's sockets on the other processes already fill
   * COLLAB_LIMITS.maxConnectionsPerMemberPerDraft or maxConnectionsPerMember. Transient, unlike
   * TOO_MANY_CONNECTIONS: some of them may be the sockets of a process that just died, which stop counting
   * within seconds, and a window closed elsewhere frees a place; the page connects once one is free.
   */
  CONNECTIONS_HELD_ELSEWHERE: 4530,
  /**
   * The draft was archived or restored while the socket was open, so what the member may do in it changed
   * (an archived draft is read-only for everyone). Transient: reconnect at once; the new socket is opened
   * with the new permission. The app's page opens the draft afresh instead (useDraftConnection), so a change
   * the server did not take is not sent again once the draft is restored.
   */
  ACCESS_CHANGED: 4531,
} as const;

export type CloseCodeName = keyof typeof CLOSE_CODE;
export type CloseCode = (typeof CLOSE_CODE)[CloseCodeName];

/** True for codes after which a client must not reconnect (4400-4499), as y-websocket's default decides too. */
export function isFinalCloseCode(code: number): boolean {
  return code >= 4400 && code < 4500;
}

/** The name of a close code (sent as the close frame's reason, for logs and developer tools), or null. */
export function closeCodeName(code: number): CloseCodeName | null {
  const entry = Object.entries(CLOSE_CODE).find(([, value]) => value === code);
  return entry ? (entry[0] as CloseCodeName) : null;
}

/** What the editor page tells the user when the socket closes with a code. */
export const CLOSE_CODE_MESSAGE: Record<CloseCodeName, string> = {
  MALFORMED_MESSAGE: 'The connection was closed because the server could not read what this page sent. Reload the page.',
  UNAUTHENTICATED: 'You are not signed in. Sign in to open this draft.',
  FORBIDDEN: 'You do not have access to this draft.',
  UNKNOWN_DRAFT: 'This draft does not exist.',
  EDIT_REFUSED: 'Your last change was not accepted, so the text was reloaded as it is on the server.',
  BAD_ORIGIN: 'This page is not allowed to connect to the drafting server.',
  SESSION_ENDED: 'Your session has ended. Sign in again to continue.',
  MESSAGE_TOO_LARGE: 'A change was too large to send. Reload the page; changes beyond the limit are kept in this browser only.',
  BAD_DRAFT_ID: 'This is not a valid draft address.',
  TOO_MANY_CONNECTIONS: 'You have this draft open in too many windows. Close some of them, then reload this page.',
  INTERNAL_ERROR: 'The server had a problem with this draft. Reconnecting…',
  SHUTTING_DOWN: 'The server is restarting. Reconnecting…',
  STORAGE_FAILURE: 'The draft cannot be read right now. Retrying…',
  SLOW_CONSUMER: 'The connection was too slow to keep up. Reconnecting…',
  RATE_LIMITED: 'Too many changes at once. Reconnecting…',
  CONNECTIONS_HELD_ELSEWHERE: 'You have this draft open in too many windows. This page connects as soon as one of them closes…',
  ACCESS_CHANGED: 'This draft was archived or restored. Opening it again…',
};
