import { InvitationView } from '../../shared/api/invitations.js';
import { MeResponse } from '../../shared/api/session.js';
import { apiRequest } from '../common/api/apiRequest.js';

/** The public side of a one-time invitation link. */
export const invitationsApi = {
  describe: (token: string) => apiRequest('GET', `/invitations/${encodeURIComponent(token)}`, { schema: InvitationView }),
  /** Sets the password, spends the link and signs the member in (the answer is the new session's member). */
  accept: (token: string, password: string) =>
    apiRequest('POST', `/invitations/${encodeURIComponent(token)}/accept`, { body: { password }, schema: MeResponse }),
};
