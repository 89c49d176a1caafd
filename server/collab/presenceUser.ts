import type { RoomMember } from '../rooms/RoomClient.js';

/** What every client sees as `state.user` of a connection's awareness: always the server's record. */
export interface PresenceUser {
  name: string;
  delegation: string | null;
  role: RoomMember['role'];
  /** `#rrggbb`: the client's choice when it is one, else the colour the room gave the member. */
  color: string;
}

const COLOR = /^#[0-9a-f]{6}$/i;

/** Distinct, readable caret colours, handed out so that people in one draft differ while it has room. */
export const PRESENCE_PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#9a6700', '#8250df', '#bf3989', '#0a7ea4', '#bc4c00'];

/**
 * Replaces the `user` field of a client's awareness state with the member's name, delegation and role
 * from the server's records, so nobody can appear as someone else. Other fields (caret, selection) stay.
 */
export function bindPresence(
  state: Record<string, unknown>,
  user: RoomMember,
  roomColor = colorFor(user.id, new Set()),
): Record<string, unknown> {
  const claimed = state.user as { color?: unknown } | undefined;
  const color = typeof claimed?.color === 'string' && COLOR.test(claimed.color) ? claimed.color : roomColor;
  const presence: PresenceUser = { name: user.name, delegation: user.delegation, role: user.role, color };
  return { ...state, user: presence };
}

/**
 * A colour for a member: the palette entry their id hashes to when nobody else in the room has it, else the
 * next free one; when all are taken, the hashed one (two people share a colour only past eight members).
 */
export function colorFor(userId: string, taken: ReadonlySet<string>): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  for (let i = 0; i < PRESENCE_PALETTE.length; i++) {
    const color = PRESENCE_PALETTE[(hash + i) % PRESENCE_PALETTE.length]!;
    if (!taken.has(color)) return color;
  }
  return PRESENCE_PALETTE[hash % PRESENCE_PALETTE.length]!;
}
