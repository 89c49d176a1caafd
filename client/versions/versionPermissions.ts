import type { MeResponse } from '../../shared/api/session.js';
import type { VersionView } from '../../shared/api/versions.js';

/** What one member may do with one version; mirrors VersionService, which refuses anything else anyway. */
export interface VersionPermissions {
  /** Rename or delete: unpublished versions, by their author or the secretariat. */
  change: boolean;
  /** Publish as the next Rev.N: the secretariat, unpublished versions only. */
  publish: boolean;
  /** Restore into the live draft: the secretariat. */
  restore: boolean;
}

/** Whether a member may save named versions of a draft: delegates and the secretariat, not reviewers. */
export function maySaveVersions(me: MeResponse | null): boolean {
  return me?.role === 'secretariat' || me?.role === 'delegate';
}

/** The actions a member is offered on a version (hiding what the server would refuse). */
export function versionPermissions(me: MeResponse | null, version: VersionView): VersionPermissions {
  const secretariat = me?.role === 'secretariat';
  const unpublished = version.revision === null;
  const author = me !== null && me.role !== 'reviewer' && version.author?.id === me.id;
  return { change: unpublished && (secretariat || author), publish: unpublished && secretariat, restore: secretariat };
}
