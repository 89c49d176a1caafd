import type { VersionView } from '../../shared/api/versions.js';
import type { VersionRecord } from './records.js';
import type { Repositories } from './repositories.js';
import { AppError } from './AppError.js';

export function toVersionView(v: VersionRecord): VersionView {
  return {
    id: v.id,
    draftId: v.draftId,
    label: v.label,
    kind: v.kind,
    author: v.authorId === null ? null : { id: v.authorId, name: v.authorName ?? '', delegation: v.authorDelegation },
    createdAt: v.createdAt,
    revision: v.revision,
    publishedAt: v.publishedAt,
    publishedBy: v.publishedById === null ? null : { id: v.publishedById, name: v.publishedByName ?? '' },
    fingerprint: v.fingerprint,
  };
}

/** The version of this draft with this id; a version of another draft is not found either. */
export async function findVersion(repositories: Repositories, draftId: string, versionId: string): Promise<VersionRecord> {
  const version = await repositories.versions.get(draftId, versionId);
  if (!version) throw new AppError('VERSION_NOT_FOUND', 'No such version in this draft.');
  return version;
}
