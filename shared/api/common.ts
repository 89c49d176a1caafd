import { z } from 'zod';
import { ID_PATTERN } from '../ids.js';
import { LIMITS } from '../limits.js';

/** An id issued by this system (see shared/ids.ts). */
export const IdSchema = z.string().regex(ID_PATTERN, 'Not a valid id');

/** Trimmed, non-empty text up to `max` characters, with no control characters. */
export function text(max: number) {
  return (
    z
      .string()
      .trim()
      .min(1, 'Must not be empty')
      .max(max, `At most ${max} characters`)
      // eslint-disable-next-line no-control-regex -- finding control characters is the point
      .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'Must not contain control characters')
  );
}

export const EmailSchema = z.string().trim().toLowerCase().max(LIMITS.emailLength).pipe(z.email('Not a valid email address'));

export const PasswordSchema = z
  .string()
  .min(LIMITS.passwordMinLength, `At least ${LIMITS.passwordMinLength} characters`)
  .max(LIMITS.passwordMaxLength, `At most ${LIMITS.passwordMaxLength} characters`);
