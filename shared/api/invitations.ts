import { z } from 'zod';
import { PasswordSchema } from './common.js';

/** GET /api/invitations/:token: who the invitation is for, so the page can greet them. */
export const InvitationView = z.object({ email: z.string(), name: z.string() });
export type InvitationView = z.infer<typeof InvitationView>;

/** POST /api/invitations/:token/accept: sets the password and signs the member in. */
export const AcceptInvitationBody = z.strictObject({ password: PasswordSchema });
export type AcceptInvitationBody = z.infer<typeof AcceptInvitationBody>;

/** Invitation tokens are 43 characters of URL-safe base64 (32 random bytes). */
export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
