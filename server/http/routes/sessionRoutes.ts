import { Router } from 'express';
import { SignInBody, type MeResponse } from '../../../shared/api/session.js';
import type { Services } from '../../domain/Services.js';
import type { UserRecord } from '../../domain/records.js';
import { currentUser } from '../authenticate.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../cookies.js';
import { validate } from '../validate.js';

export async function toMe(services: Services, user: UserRecord): Promise<MeResponse> {
  const delegation = user.delegationId === null ? null : await services.metadata.delegations.get(user.delegationId);
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    delegation: delegation ? { id: delegation.id, name: delegation.name } : null,
  };
}

/** POST /api/session (sign in), DELETE /api/session (sign out), GET /api/me. */
export function sessionRoutes(services: Services, secureCookies: boolean): Router {
  const router = Router();

  router.post('/session', async (req, res) => {
    const body = validate(SignInBody, req.body);
    const { token, user, expiresAt } = await services.sessions.signIn(body.email, body.password, req.ip ?? 'unknown');
    setSessionCookie(res, token, expiresAt, secureCookies);
    res.json(await toMe(services, user));
  });

  router.delete('/session', async (req, res) => {
    const token = sessionToken(req);
    if (token) await services.sessions.signOut(token);
    clearSessionCookie(res, secureCookies);
    res.status(204).end();
  });

  router.get('/me', async (_req, res) => {
    res.json(await toMe(services, currentUser(res)));
  });

  return router;
}
