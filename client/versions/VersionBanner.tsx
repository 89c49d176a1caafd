import { revisionName, type VersionView } from '../../shared/api/versions.js';
import { FormattedDate } from '../common/components/FormattedDate.js';
import { Fingerprint } from './Fingerprint.js';
import { versionAuthorLine } from './versionName.js';

/**
 * Says what the read-only page shows: "Rev.2 — published 5 March 2026 — fingerprint …" for a revision,
 * "Version “label” saved by … on …" for any other version, so nobody mistakes it for the live draft.
 */
export function VersionBanner({ version }: { version: VersionView }) {
  if (version.revision !== null) {
    return (
      <div className="version-banner version-banner-revision">
        <p className="version-banner-line">
          <strong className="revision-badge revision-badge-large">{revisionName(version.revision)}</strong>
          <span>
            {' '}
            — published {version.publishedAt ? <FormattedDate iso={version.publishedAt} /> : null}
            {version.publishedBy ? ` by ${version.publishedBy.name}` : null} —{' '}
          </span>
          <Fingerprint value={version.fingerprint} />
        </p>
        <p className="version-banner-note">“{version.label}”. A published revision never changes. This is a read-only copy.</p>
      </div>
    );
  }
  const who = version.author ? `saved by ${versionAuthorLine(version)}` : 'saved automatically';
  return (
    <div className="version-banner">
      <p className="version-banner-line">
        <span>
          Version <strong>“{version.label}”</strong> {who} on <FormattedDate iso={version.createdAt} withTime />
        </span>
      </p>
      <p className="version-banner-note">This is a read-only copy; changes are made in the live draft.</p>
    </div>
  );
}
