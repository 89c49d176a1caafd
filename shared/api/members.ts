import { z } from 'zod';
import { EmailSchema, IdSchema, text } from './common.js';
import { LIMITS } from '../limits.js';
import { ROLES } from '../roles.js';

/** POST /api/members (secretariat). A delegate needs a delegation; a reviewer may have one. */
export const CreateMemberBody = z
  .strictObject({
    email: EmailSchema,
    name: text(LIMITS.nameLength),
    role: z.enum(ROLES),
    delegationId: IdSchema.nullable().optional(),
  })
  .refine((b) => b.role !== 'delegate' || !!b.delegationId, {
    message: 'A delegate must belong to a delegation',
    path: ['delegationId'],
  });
export type CreateMemberBody = z.infer<typeof CreateMemberBody>;

/** PATCH /api/members/:id (secretariat). Deactivating ends the member's sessions at once. */
export const UpdateMemberBody = z
  .strictObject({
    name: text(LIMITS.nameLength).optional(),
    role: z.enum(ROLES).optional(),
    delegationId: IdSchema.nullable().optional(),
    active: z.boolean().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, { message: 'Nothing to change' });
export type UpdateMemberBody = z.infer<typeof UpdateMemberBody>;

export const MemberView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  delegationId: z.string().nullable(),
  active: z.boolean(),
  /** False until the member has set a password through their invitation. */
  hasPassword: z.boolean(),
  createdAt: z.string(),
});
export type MemberView = z.infer<typeof MemberView>;

/** Answer to creating a member or reissuing an invitation: the one-time link, shown once. */
export const InvitationIssued = z.object({
  member: MemberView,
  invitationUrl: z.string(),
  expiresAt: z.string(),
});
export type InvitationIssued = z.infer<typeof InvitationIssued>;
