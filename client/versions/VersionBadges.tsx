import { revisionName, type VersionView } from '../../shared/api/versions.js';

/** The tags of a version: its revision number once published, and "Automatic" for snapshots the server took. */
export function VersionBadges({ version }: { version: VersionView }) {
  return (
    <>
      {version.revision !== null ? <span className="revision-badge">{revisionName(version.revision)}</span> : null}
      {version.kind === 'automatic' ? (
        <span className="version-tag">Automatic</span>
      ) : (
        <span className="version-tag version-tag-named">Named</span>
      )}
    </>
  );
}
