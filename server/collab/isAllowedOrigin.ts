import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';

/**
 * The Origin check of the upgrade, the websocket counterpart of the API's CSRF guard: a browser always
 * names the page that opens a socket, so a foreign page is refused (BAD_ORIGIN) even though the browser
 * would attach our session cookie. Allowed: the request's own origin (scheme + Host header), and the
 * configured ones. A request without an Origin header is allowed: only non-browser clients omit it, and
 * such a client could send any Origin it likes anyway; the session cookie still has to be valid.
 */
export function isAllowedOrigin(request: IncomingMessage, allowedOrigins: readonly string[]): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  const scheme = (request.socket as TLSSocket).encrypted ? 'https' : 'http';
  const host = request.headers.host;
  return (host !== undefined && origin === `${scheme}://${host}`) || allowedOrigins.includes(origin);
}
