import { ERROR_STATUS, type ErrorCode } from '../../shared/errors.js';

/** An expected failure with a stable code; its message is safe to show to the user. */
export class AppError extends Error {
  readonly status: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'AppError';
    this.status = ERROR_STATUS[code];
  }
}
