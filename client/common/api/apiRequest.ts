import { z } from 'zod';
import { ERROR_STATUS, type ErrorCode } from '../../../shared/errors.js';
import { ApiError } from './ApiError.js';

const ErrorBodySchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/**
 * Registers a callback for any API answer of 401 UNAUTHENTICATED (the session expired or was ended,
 * e.g. by deactivation), so the app can send the person back to sign-in. Returns the unsubscribe function.
 */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => unauthenticatedListeners.delete(listener);
}

export interface ApiRequestOptions<S extends z.ZodType | undefined> {
  /** Sent as JSON. */
  body?: unknown;
  /** Checks the answer's shape; without one the answer is ignored (204 No Content). */
  schema?: S;
}

type Result<S> = S extends z.ZodType ? z.output<S> : void;

/**
 * One JSON call to the REST API on this origin with the session cookie. Resolves with the validated
 * answer; rejects with an ApiError carrying the server's stable code (or NETWORK_FAILED /
 * UNEXPECTED_RESPONSE when there was no usable answer).
 */
export async function apiRequest<S extends z.ZodType | undefined = undefined>(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  path: string,
  options: ApiRequestOptions<S> = {},
): Promise<Result<S>> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { Accept: 'application/json' } };
  if (options.body !== undefined) {
    init.headers = { ...init.headers, 'Content-Type': 'application/json' };
    init.body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(`/api${path}`, init);
  } catch {
    throw new ApiError('NETWORK_FAILED', 'The server could not be reached. Check your connection and try again.', 0);
  }
  if (!response.ok) throw await readError(response);
  if (!options.schema) return undefined as Result<S>;
  const parsed = options.schema.safeParse(await response.json().catch(() => undefined));
  if (!parsed.success) {
    throw new ApiError('UNEXPECTED_RESPONSE', 'The server sent an answer this page does not understand. Please reload.', response.status);
  }
  return parsed.data as Result<S>;
}

async function readError(response: Response): Promise<ApiError> {
  const parsed = ErrorBodySchema.safeParse(await response.json().catch(() => undefined));
  const retryHeader = Number(response.headers.get('Retry-After'));
  const retryAfter = Number.isFinite(retryHeader) && retryHeader > 0 ? retryHeader : null;
  if (!parsed.success) {
    return new ApiError(
      'UNEXPECTED_RESPONSE',
      `The server answered with an error (${response.status}). Please try again.`,
      response.status,
      retryAfter,
    );
  }
  const { code, message, details } = parsed.data.error;
  const known: ErrorCode = code in ERROR_STATUS ? (code as ErrorCode) : 'INTERNAL';
  if (known === 'UNAUTHENTICATED') for (const listener of unauthenticatedListeners) listener();
  return new ApiError(known, message, response.status, retryAfter, details);
}
