import { z } from 'zod';
import { InvitationIssued, MemberView, type CreateMemberBody, type UpdateMemberBody } from '../../shared/api/members.js';
import { apiRequest } from '../common/api/apiRequest.js';

/** Members administration (secretariat only). */
export const membersApi = {
  list: () => apiRequest('GET', '/members', { schema: z.array(MemberView) }),
  /** Adds a member; the answer carries their one-time invitation link. */
  create: (body: CreateMemberBody) => apiRequest('POST', '/members', { body, schema: InvitationIssued }),
  update: (id: string, body: UpdateMemberBody) => apiRequest('PATCH', `/members/${encodeURIComponent(id)}`, { body, schema: MemberView }),
  /** Replaces the member's open invitation with a new link (lost link, forgotten password). */
  reissueInvitation: (id: string) => apiRequest('POST', `/members/${encodeURIComponent(id)}/invitation`, { schema: InvitationIssued }),
};
