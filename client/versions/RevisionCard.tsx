import { Link } from 'react-router';
import { revisionName, type VersionView } from '../../shared/api/versions.js';
import { FormattedDate } from '../common/components/FormattedDate.js';
import { versionPaths } from '../common/draft/versionPaths.js';
import { ExportMenu } from './ExportMenu.js';
import { Fingerprint } from './Fingerprint.js';

export interface RevisionCardProps {
  draftId: string;
  /** A published version (revision not null). */
  version: VersionView;
  /** The revision published just before, to offer the redline against it. */
  previous: VersionView | null;
}

/**
 * A published revision, shown prominently above the full history: its number, label, publication date
 * and fingerprint, with Export first (this is what the secretariat circulates) and the redline against
 * the previous revision and the live draft.
 */
export function RevisionCard({ draftId, version, previous }: RevisionCardProps) {
  const name = revisionName(version.revision ?? 0);
  return (
    <li className="revision-card" data-version-id={version.id}>
      <div className="revision-card-number" aria-hidden="true">
        {name}
      </div>
      <div className="revision-card-main">
        <h3 className="revision-card-title">
          <Link to={versionPaths.version(draftId, version.id)}>
            <span className="visually-hidden">{name}: </span>
            {version.label}
          </Link>
        </h3>
        <p className="version-meta">
          Published {version.publishedAt ? <FormattedDate iso={version.publishedAt} /> : null}
          {version.publishedBy ? ` by ${version.publishedBy.name}` : null}
        </p>
        <p className="version-meta">
          <Fingerprint value={version.fingerprint} />
        </p>
        <div className="version-actions">
          <ExportMenu draftId={draftId} versionId={version.id} name={name} prominent />
          <Link className="button button-small button-secondary" to={versionPaths.compare(draftId, version.id)}>
            Compare {name} with live
          </Link>
          {previous ? (
            <Link className="button button-small button-secondary" to={versionPaths.compare(draftId, previous.id, version.id)}>
              Redline against {revisionName(previous.revision ?? 0)}
            </Link>
          ) : null}
        </div>
      </div>
    </li>
  );
}
