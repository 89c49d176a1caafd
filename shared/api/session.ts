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

/** GET /api/sessions: one of the signed-in member's sessions (never its token nor the token's hash). */
export const SessionView = z.object({
  /** Opaque; DELETE /api/sessions/:id ends this session. */
  id: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  /** The address it signed in from, or null for sessions opened before addresses were kept. */
  address: z.string().nullable(),
  /** "Firefox on Linux"; null for sessions opened before browsers were kept. */
  browser: z.string().nullable(),
  /** The session this request came with. */
  current: z.boolean(),
});
export type SessionView = z.infer<typeof SessionView>;

/** Actions of the security log (GET /api/security-log). */
export const SECURITY_ACTIONS = [
  'session.signIn',
  /** A sign-in with a wrong password or unknown email (those the sign-in limits let through; see README). */
  'session.signInFailed',
  /** A member signed out one of their other sessions from "Your sessions". */
  'session.ended',
  /** A member signed out every other session of theirs. */
  'session.endedOthers',
  'member.create',
  'member.invite',
  'member.update',
  'member.deactivate',
  'member.reactivate',
  'member.acceptInvitation',
  /** Who may see a draft changed (issue 19, item 1). */
  'draft.participants',
  /** Reserved for second factors (issue 19, item 4): registered or removed. */
  'secondFactor.added',
  'secondFactor.removed',
] as const;
export type SecurityAction = (typeof SECURITY_ACTIONS)[number];

/** Entries in one page of the security log when the request names no limit, and the most one page holds. */
export const SECURITY_LOG_PAGE_SIZE = 100;
export const SECURITY_LOG_PAGE_MAX = 500;

/**
 * GET /api/security-log?before=&limit=&action= (secretariat): newest first, `limit` entries numbered below
 * `before`; the next page: `before` = the last entry's id. A page shorter than `limit` is the last one.
 * `action` narrows the page to one action.
 */
export const SecurityLogQuery = z.object({
  before: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(SECURITY_LOG_PAGE_MAX).default(SECURITY_LOG_PAGE_SIZE),
  action: z.enum(SECURITY_ACTIONS).optional(),
});
export type SecurityLogQuery = z.infer<typeof SecurityLogQuery>;

export const SecurityEntryView = z.object({
  /** Its place in the workspace's audit log: ascending with time, the paging cursor. */
  id: z.number().int().positive(),
  at: z.string(),
  action: z.enum(SECURITY_ACTIONS),
  /** Who did it (the member signing in, the secretariat member changing another); null when unknown. */
  actor: z.object({ id: z.string(), name: z.string() }).nullable(),
  /** What it concerns: a member id, a draft id, or the email a failed sign-in typed. */
  target: z.string(),
  address: z.string().nullable(),
  detail: z.string(),
});
export type SecurityEntryView = z.infer<typeof SecurityEntryView>;
