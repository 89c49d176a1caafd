/** One cap: at most `limit` slots under `key` (e.g. a member's sockets to one draft). */
export interface SlotScope {
  key: string;
  limit: number;
}

/**
 * Caps on what one member holds open across every server process of a workspace (sockets per draft and in
 * all, event streams): each process checks its own first; with several processes this port counts them
 * all (server/scaleout/RedisMemberSlots.ts). A slot is taken before the socket or stream opens and given
 * back when it closes.
 */
export interface MemberSlots {
  /**
   * Takes one slot in each of `scopes` at once, unless one of them is full: null then. Resolves with the
   * function that gives them back.
   */
  take(scopes: readonly SlotScope[]): Promise<(() => void) | null>;
  /** Gives back every slot this process holds (it is stopping). */
  close(): Promise<void>;
}
