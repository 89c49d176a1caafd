import type { CollabUser } from './CollabHooks.js';

/** What every client sees as `state.user` of a connection's awareness: always the server's record. */
export interface PresenceUser {
  name: string;
  delegation: string | null;
  role: CollabUser['role'];
  /** `#rrggbb`: the client's choice when it is one, else a colour derived from the member id. */
  color: string;
}

const COLOR = /^#[0-9a-f]{6}$/i;

/** Distinct, readable caret colours; a member keeps theirs across sessions. */
const PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7ea4', '#bc4c00'];

/**
 * Replaces the `user` field of a client's awareness state with the member's name, delegation and role
 * from the server's records, so nobody can appear as someone else. Other fields (caret, selection) stay.
 */
export function bindPresence(state: Record<string, unknown>, user: CollabUser): Record<string, unknown> {
  const claimed = state.user as { color?: unknown } | undefined;
  const color = typeof claimed?.color === 'string' && COLOR.test(claimed.color) ? claimed.color : colorFor(user.id);
  const presence: PresenceUser = { name: user.name, delegation: user.delegation, role: user.role, color };
  return { ...state, user: presence };
}

function colorFor(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return PALETTE[hash % PALETTE.length]!;
}
