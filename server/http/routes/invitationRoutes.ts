import { Router } from 'express';
import { AcceptInvitationBody, INVITATION_TOKEN_PATTERN } from '../../../shared/api/invitations.js';
import { AppError } from '../../domain/AppError.js';
import type { Services } from '../../domain/Services.js';
import { setSessionCookie } from '../cookies.js';
import { validate } from '../validate.js';
import { toMe } from './sessionRoutes.js';

function tokenParam(value: unknown): string {
  if (typeof value !== 'string' || !INVITATION_TOKEN_PATTERN.test(value)) {
    throw new AppError('INVITATION_INVALID', 'This invitation link is not valid any more. Ask the secretariat for a new one.');
  }
  return value;
}

/** Public routes behind a one-time invitation link: see who it is for, set a password. */
export function invitationRoutes(services: Services, secureCookies: boolean): Router {
  const router = Router();

  router.get('/invitations/:token', async (req, res) => {
    res.json(await services.members.describeInvitation(tokenParam(req.params.token)));
  });

  router.post('/invitations/:token/accept', async (req, res) => {
    const token = tokenParam(req.params.token);
    const body = validate(AcceptInvitationBody, req.body);
    const user = await services.members.acceptInvitation(token, body.password);
    // Accepting an invitation signs the member in: the security log shows it as a sign-in too.
    const session = await services.sessions.open(
      user.id,
      { address: req.ip ?? 'unknown', userAgent: req.get('user-agent') },
      'session.signIn',
    );
    setSessionCookie(res, session.token, session.expiresAt, secureCookies);
    res.json(await toMe(services, user));
  });

  return router;
}
