import { COLLAB_PATH_PREFIX } from '../../../shared/collab/collabPath.js';

/**
 * The y-websocket server URL on this page's own origin (`ws(s)://host/collab`); the provider appends
 * `/<draftId>`. Same origin, so the session cookie goes along and the server's Origin check passes.
 */
export function collabServerUrl(location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${location.host}${COLLAB_PATH_PREFIX.replace(/\/$/, '')}`;
}
