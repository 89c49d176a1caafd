import type { Role } from '../../../shared/roles.js';
import { ROLES } from '../../../shared/roles.js';

/** Someone with the draft open, as the server described them in their presence (awareness) state. */
export interface Participant {
  /** The awareness client id (one per open page). */
  clientId: number;
  name: string;
  delegation: string | null;
  role: Role | null;
  /** A #rrggbb colour, or null when the state carried none that is valid. */
  color: string | null;
}

const HEX_COLOR = /^#[0-9a-f]{6}$/i;
const MAX_TEXT = 200;

/**
 * Reads the `user` field of one awareness state. The server writes it from its own records, but the
 * state still arrives over the network, so every field is checked and anything odd is dropped.
 * Returns null for states without a usable name (e.g. a page that has not been described yet).
 */
export function readParticipant(clientId: number, state: unknown): Participant | null {
  if (typeof state !== 'object' || state === null) return null;
  const user: unknown = (state as { user?: unknown }).user;
  if (typeof user !== 'object' || user === null) return null;
  const { name, delegation, role, color } = user as Record<string, unknown>;
  if (typeof name !== 'string' || name.trim() === '') return null;
  return {
    clientId,
    name: name.slice(0, MAX_TEXT),
    delegation: typeof delegation === 'string' && delegation !== '' ? delegation.slice(0, MAX_TEXT) : null,
    role: typeof role === 'string' && (ROLES as readonly string[]).includes(role) ? (role as Role) : null,
    color: typeof color === 'string' && HEX_COLOR.test(color) ? color : null,
  };
}
