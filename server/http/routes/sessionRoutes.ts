import { Router } from 'express';
import { SecurityLogQuery, SignInBody, type MeResponse } from '../../../shared/api/session.js';
import type { Services } from '../../domain/Services.js';
import type { UserRecord } from '../../domain/records.js';
import { readSecurityLog } from '../../domain/securityLog.js';
import { currentUser, requireRole, requireUser } from '../authenticate.js';
import { clearSessionCookie, sessionToken, setSessionCookie } from '../cookies.js';
import { sessionIdParam } from '../pathIds.js';
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

/**
 * POST /api/session (sign in), DELETE /api/session (sign out), GET /api/me; the member's own sessions
 * (GET /api/sessions, DELETE /api/sessions/:id, POST /api/sessions/sign-out-others) and the security log
 * (GET /api/security-log, secretariat).
 */
export function sessionRoutes(services: Services, secureCookies: boolean): Router {
  const router = Router();

  router.post('/session', async (req, res) => {
    const body = validate(SignInBody, req.body);
    const { token, user, expiresAt } = await services.sessions.signIn(body.email, body.password, {
      address: req.ip ?? 'unknown',
      userAgent: req.get('user-agent'),
    });
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

  router.get('/sessions', requireUser, async (req, res) => {
    res.json(await services.sessions.list(currentUser(res).id, sessionToken(req)));
  });

  router.post('/sessions/sign-out-others', requireUser, async (req, res) => {
    const ended = await services.sessions.endOthers(currentUser(res), sessionToken(req), req.ip ?? 'unknown');
    res.json({ ended });
  });

  router.delete('/sessions/:id', requireUser, async (req, res) => {
    await services.sessions.endOne(currentUser(res), sessionIdParam(req.params.id), sessionToken(req), req.ip ?? 'unknown');
    res.status(204).end();
  });

  router.get('/security-log', requireRole('secretariat'), async (req, res) => {
    res.json(await readSecurityLog(services.metadata, validate(SecurityLogQuery, req.query)));
  });

  return router;
}
