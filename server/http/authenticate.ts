import type { RequestHandler, Response } from 'express';
import type { Role } from '../../shared/roles.js';
import { AppError } from '../domain/AppError.js';
import type { SessionService } from '../domain/SessionService.js';
import type { UserRecord } from '../domain/records.js';
import { sessionToken } from './cookies.js';

/** Resolves the session cookie (if any) to the signed-in member, kept in res.locals.user. */
export function authenticate(sessions: SessionService): RequestHandler {
  return async (req, res, next) => {
    res.locals.user = await sessions.resolve(sessionToken(req));
    next();
  };
}

/** The signed-in member, or 401 UNAUTHENTICATED. */
export function currentUser(res: Response): UserRecord {
  const user = res.locals.user as UserRecord | null | undefined;
  if (!user) throw new AppError('UNAUTHENTICATED', 'Please sign in.');
  return user;
}

/** Guards a route for signed-in members, optionally of the given roles only (403 FORBIDDEN otherwise). */
export function requireRole(...roles: Role[]): RequestHandler {
  return (_req, res, next) => {
    const user = currentUser(res);
    if (roles.length > 0 && !roles.includes(user.role)) {
      throw new AppError('FORBIDDEN', 'Your role does not allow this.');
    }
    next();
  };
}

/** Any signed-in member. */
export const requireUser: RequestHandler = requireRole();
