import { parseDraftId } from '../ids.js';

/** Where the collaboration socket lives on the app's own origin; the room (document name) is the draft id. */
export const COLLAB_PATH_PREFIX = '/collab/';

/** The websocket path of a draft: `/collab/<draftId>`. y-websocket clients pass `/collab` as the server URL path and the id as room. */
export function collabPath(draftId: string): string {
  return `${COLLAB_PATH_PREFIX}${draftId}`;
}

/**
 * The draft id of a request target such as `/collab/<draftId>` or `/collab/<draftId>?x=1`, or null when the
 * path is anything else. Nothing is URL-decoded: `%2F`, `..`, extra segments and over-long ids simply do
 * not match the strict id pattern. A query string is allowed (y-websocket may add parameters) and ignored.
 */
export function parseCollabPath(target: string): string | null {
  if (!target.startsWith(COLLAB_PATH_PREFIX)) return null;
  const rest = target.slice(COLLAB_PATH_PREFIX.length);
  const query = rest.indexOf('?');
  return parseDraftId(query === -1 ? rest : rest.slice(0, query));
}
