import type { IncomingMessage } from 'node:http';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import type { Role } from '../../shared/roles.js';
import { mayAccess } from '../domain/DraftService.js';
import type { Services } from '../domain/Services.js';
import { readCookie, SESSION_COOKIE } from '../http/cookies.js';
import type { RoomMember } from '../rooms/RoomClient.js';
import { RoomRefusal } from '../rooms/RoomRefusal.js';

export interface AuthenticatePayload {
  /** The upgrade request (headers: Cookie ...). Kept for the connection's life so the check can be re-run. */
  request: IncomingMessage;
  /** Already passed the strict id pattern. */
  draftId: string;
}

/**
 * Decides who may open a draft, at the upgrade, before any document work. Throws RoomRefusal with the
 * close code to refuse. Also re-run periodically on open connections (sessions expire, members are
 * deactivated): a refusal then closes the socket.
 */
export type Authenticate = (payload: AuthenticatePayload) => RoomMember | Promise<RoomMember>;

/**
 * Whether a member's socket to a draft is read-only (its document updates are dropped): always for
 * reviewers, and for everyone while the draft is archived. The one rule for both the upgrade and the sockets
 * already open when a draft is archived or restored (attachCollabServer).
 */
export function isReadOnly(role: Role, archived: boolean): boolean {
  return role === 'reviewer' || archived;
}

/**
 * The app's check: session cookie -> active member; the draft must exist; the member must take part in it
 * (mayAccess: every active member unless the secretariat chose the participants), else FORBIDDEN; reviewers
 * are read-only, and everyone on an archived draft (isReadOnly). Re-run on open sockets, so a member removed
 * from the participants is closed with FORBIDDEN then at the latest (attachCollabServer closes them at once).
 */
export function authenticateMember(services: Services): Authenticate {
  return async ({ request, draftId }) => {
    const user = await services.sessions.resolve(readCookie(request.headers.cookie, SESSION_COOKIE));
    if (!user) throw new RoomRefusal(CLOSE_CODE.UNAUTHENTICATED, 'no valid session');
    const draft = await services.metadata.drafts.get(draftId);
    if (!draft) throw new RoomRefusal(CLOSE_CODE.UNKNOWN_DRAFT, 'no such draft');
    if (!mayAccess(user, draft)) throw new RoomRefusal(CLOSE_CODE.FORBIDDEN, 'not a participant of this draft');
    const delegation = user.delegationId ? await services.metadata.delegations.get(user.delegationId) : null;
    return {
      id: user.id,
      name: user.name,
      role: user.role,
      delegation: delegation?.name ?? null,
      delegationId: delegation?.id ?? null,
      readOnly: isReadOnly(user.role, draft.archived),
    };
  };
}
