import type { VersionView } from '../../shared/api/versions.js';

/** The list with `version` added or replaced, newest first (by time saved, as the server lists them). */
export function upsertVersion(list: readonly VersionView[], version: VersionView): VersionView[] {
  const others = list.filter((v) => v.id !== version.id);
  const index = others.findIndex((v) => v.createdAt.localeCompare(version.createdAt) < 0);
  return index < 0 ? [...others, version] : [...others.slice(0, index), version, ...others.slice(index)];
}
