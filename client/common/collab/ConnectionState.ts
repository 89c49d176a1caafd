/** What the page knows about its link to the sync server, as one immutable snapshot. */
export interface ConnectionState {
  /** The socket as y-websocket reports it. */
  socket: 'connecting' | 'connected' | 'disconnected';
  /** True once the first sync with the server finished: the page shows the server's text, not a blank. */
  everSynced: boolean;
  /** True while the current connection is in sync (false again after a drop until the next sync). */
  synced: boolean;
  /** True when every edit made in this page is on the server's disk, as the server said (never guessed). */
  saved: boolean;
  /** The code of the last close that is being retried (server restarting, rate limit ...), or null. */
  retryingAfter: number | null;
  /** A final close code (not signed in, no access, no such draft ...): the page stopped connecting. */
  refusedWith: number | null;
  /** The reason the server gave with that final close code ('' when none), e.g. why an edit was refused. */
  refusalReason: string;
}

export const INITIAL_CONNECTION_STATE: ConnectionState = {
  socket: 'connecting',
  everSynced: false,
  synced: false,
  saved: true,
  retryingAfter: null,
  refusedWith: null,
  refusalReason: '',
};
