import { z } from 'zod';
import { EmailSchema } from './common.js';
import { LIMITS } from '../limits.js';
import { ROLES } from '../roles.js';

/** POST /api/session */
export const SignInBody = z.strictObject({
  email: EmailSchema,
  // Not PasswordSchema: an old or short password must still get the uniform "invalid credentials" answer.
  password: z.string().min(1).max(LIMITS.passwordMaxLength),
});
export type SignInBody = z.infer<typeof SignInBody>;

/** GET /api/me, and the answer to a successful sign-in. */
export const MeResponse = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(ROLES),
  delegation: z.object({ id: z.string(), name: z.string() }).nullable(),
});
export type MeResponse = z.infer<typeof MeResponse>;
