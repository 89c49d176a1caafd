import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ErrorBody } from '../../shared/errors.js';
import { AppError } from '../domain/AppError.js';

function send(res: Parameters<RequestHandler>[1], error: AppError): void {
  const body: ErrorBody = { error: { code: error.code, message: error.message } };
  if (error.details !== undefined) body.error.details = error.details;
  const retry = (error.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
  if (retry) res.setHeader('Retry-After', String(retry));
  res.status(error.status).json(body);
}

/**
 * A body that cannot be read as sent: a gzip or deflate stream that is cut short or is not one (zlib's
 * Z_* errors), or fewer bytes than Content-Length announced.
 */
function isUnreadableBody(err: unknown): boolean {
  const { code, type } = err as { code?: unknown; type?: unknown };
  return (typeof code === 'string' && code.startsWith('Z_')) || type === 'request.size.invalid' || type === 'request.aborted';
}

/** Unknown /api paths answer 404 NOT_FOUND in the error shape, never the client's HTML. */
export const apiNotFound: RequestHandler = (_req, res) => {
  send(res, new AppError('NOT_FOUND', 'No such API route.'));
};

/** Maps every error to `{ error: { code, message } }`; unexpected ones are logged and answered as 500 INTERNAL. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  if (res.headersSent) return;
  if (err instanceof AppError) return send(res, err);
  // A path whose percent-encoding does not decode (e.g. overlong UTF-8 `%c0%ae`) names nothing here.
  if (err instanceof URIError) return send(res, new AppError('NOT_FOUND', 'No such address.'));
  const type = (err as { type?: string }).type;
  if (type === 'entity.too.large') return send(res, new AppError('PAYLOAD_TOO_LARGE', 'The request body is too large.'));
  if (type === 'entity.parse.failed') return send(res, new AppError('MALFORMED_JSON', 'The request body is not valid JSON.'));
  if (type === 'encoding.unsupported' || type === 'charset.unsupported') {
    return send(res, new AppError('UNSUPPORTED_MEDIA_TYPE', 'Send the body as UTF-8 JSON.'));
  }
  if (isUnreadableBody(err))
    return send(res, new AppError('MALFORMED_BODY', 'The request body could not be read (cut short, or not the compression it names).'));
  console.error(`[http] ${req.method} ${req.path} failed:`, err);
  send(res, new AppError('INTERNAL', 'Something went wrong on the server. Nothing was changed.'));
};
