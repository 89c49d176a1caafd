import { createHash, randomBytes } from 'node:crypto';
import { ID_LENGTH } from '../../shared/ids.js';

/** A fresh secret token: 32 random bytes as 43 characters of URL-safe base64. */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of a token, so a leaked metadata file does not hand out sessions. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/** A random id in the shape of shared/ids.ts (16 URL-safe characters, 96 bits). */
export function newId(): string {
  return randomBytes((ID_LENGTH * 3) / 4).toString('base64url');
}
