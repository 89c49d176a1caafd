import type { Request, RequestHandler } from 'express';
import { AppError } from '../domain/AppError.js';

/**
 * Headers on every response. The CSP allows no inline or foreign script; styles may be inline because
 * the editor positions carets with style attributes. Referrer-Policy keeps invitation tokens out of
 * Referer headers.
 */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
      "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  );
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  next();
};

const UNSAFE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** The origin this request was addressed to, as the browser sees it. */
export function ownOrigin(req: Request): string {
  return `${req.protocol}://${req.get('host') ?? ''}`;
}

/**
 * Cross-site request forgery guard for the API: a state-changing request must carry JSON (which a
 * foreign page cannot send without a CORS preflight we never grant) and, when the browser names an
 * Origin, it must be ours or an allowed one.
 */
export function apiWriteGuard(allowedOrigins: readonly string[]): RequestHandler {
  return (req, _res, next) => {
    if (!UNSAFE_METHODS.has(req.method)) return next();
    // An Origin header that is present must match, even when empty: browsers never send an empty one.
    const origin = req.get('origin');
    if (origin !== undefined && origin !== ownOrigin(req) && !allowedOrigins.includes(origin)) {
      return next(new AppError('BAD_ORIGIN', 'Requests from this origin are not accepted.'));
    }
    const length = Number(req.get('content-length') ?? 0);
    const hasBody = length > 0 || req.get('transfer-encoding') !== undefined;
    if (hasBody && !req.is('application/json')) {
      return next(new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as application/json.'));
    }
    next();
  };
}

const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

function findForbiddenKey(value: unknown, depth = 0): string | null {
  if (depth > 20 || value === null || typeof value !== 'object') return null;
  for (const key of Object.keys(value)) {
    if (FORBIDDEN_KEYS.has(key)) return key;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Refuses bodies carrying prototype-polluting keys anywhere, before any handler sees them. */
export const rejectForbiddenKeys: RequestHandler = (req, _res, next) => {
  const key = findForbiddenKey(req.body);
  if (key) return next(new AppError('FORBIDDEN_KEY', `The key "${key}" is not allowed.`));
  next();
};
