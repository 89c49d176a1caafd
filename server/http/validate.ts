import type { z } from 'zod';
import { AppError } from '../domain/AppError.js';

/** Parses untrusted input with a shared zod schema; failures become 400 VALIDATION_FAILED with the issues listed. */
export function validate<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const issues = result.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
    const first = issues[0];
    const message = first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'Invalid input';
    throw new AppError('VALIDATION_FAILED', message, { issues });
  }
  return result.data;
}
