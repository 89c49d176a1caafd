/**
 * Limits of the collaboration socket, per connection unless said otherwise. The server enforces them (and
 * closes the one socket that breaks one, with the close code named here); clients can read them to stay under.
 */
export const COLLAB_LIMITS = {
  /**
   * Largest websocket frame the server accepts. A larger frame is refused as soon as its header arrives,
   * before it is buffered (MESSAGE_TOO_LARGE). A whole draft of a few hundred clauses is well under 1 MiB;
   * the margin covers a long offline session sent in one sync step. @default 4 MiB
   */
  maxFrameBytes: 4 * 1024 * 1024,
  /** Sustained messages per second from one client (token-bucket refill; RATE_LIMITED beyond). Fast typing with a moving caret sends about 30. @default 100 */
  messagesPerSecond: 100,
  /** Messages one client may send in a burst above the sustained rate (token-bucket size). @default 400 */
  messageBurst: 400,
  /**
   * Bytes the server may have queued towards one client that is not reading; past it the socket is closed
   * (SLOW_CONSUMER) so one stalled client cannot hold the server's memory. @default 8 MiB
   */
  maxBufferedBytes: 8 * 1024 * 1024,
  /** Largest awareness state of one client, as JSON bytes (MESSAGE_TOO_LARGE beyond). Name, colour and a caret need under 1 KiB. @default 8 KiB */
  maxAwarenessStateBytes: 8 * 1024,
  /** Awareness client ids one connection may speak for; entries for more are ignored. A page normally uses one. @default 4 */
  maxAwarenessClientsPerConnection: 4,
  /**
   * Bytes of a draft's edits the server holds back because they build on text it does not have (after a
   * crash, a client may have typed next to a colleague's words that only the colleague can send again).
   * An update that would hold back more is refused (MALFORMED_MESSAGE). Per draft. @default 1 MiB
   */
  maxHeldBytesPerDraft: 1024 * 1024,
  /** Sockets one member may have open to one draft; one more is refused with TOO_MANY_CONNECTIONS. A page uses one. @default 8 */
  maxConnectionsPerMemberPerDraft: 8,
  /** Sockets one member may have open in all; one more is refused with TOO_MANY_CONNECTIONS. @default 24 */
  maxConnectionsPerMember: 24,
  /**
   * Presence bytes (awareness states) of one member's pages that one draft passes on to the others per
   * second, sustained; what goes over waits, and only the latest state of each page is sent once there is
   * room. A page moving its caret while typing sends about 3 KB a second. @default 32 KiB
   */
  presenceBytesPerSecondPerMember: 32 * 1024,
  /** The burst allowed above that rate. @default 64 KiB */
  presenceBurstBytesPerMember: 64 * 1024,
} as const;

export type CollabLimits = { -readonly [K in keyof typeof COLLAB_LIMITS]: number };
