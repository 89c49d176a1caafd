import type { VersionView } from '../../shared/api/versions.js';

/** What a person asked to do with a version from the history page; each opens its own dialog. */
export type VersionAction = 'compare' | 'publish' | 'restore' | 'rename' | 'delete';

/** A requested action and the version it is for. */
export interface PendingVersionAction {
  action: VersionAction;
  version: VersionView;
}
