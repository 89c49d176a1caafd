import { Link } from 'react-router';
import type { VersionView } from '../../shared/api/versions.js';
import { FormattedDate } from '../common/components/FormattedDate.js';
import { versionPaths } from '../common/draft/versionPaths.js';
import { Fingerprint } from './Fingerprint.js';
import type { VersionAction } from './VersionAction.js';
import { VersionActions } from './VersionActions.js';
import { VersionBadges } from './VersionBadges.js';
import { versionAuthorLine } from './versionName.js';
import type { VersionPermissions } from './versionPermissions.js';

export interface VersionItemProps {
  draftId: string;
  version: VersionView;
  permissions: VersionPermissions;
  nextRevision: number;
  onAction: (action: VersionAction, version: VersionView) => void;
}

/** One version in the history: label, tags, who saved it and when, its fingerprint, and the actions. */
export function VersionItem({ draftId, version, permissions, nextRevision, onAction }: VersionItemProps) {
  const published = version.revision !== null;
  return (
    <li className={published ? 'version-item version-item-published' : 'version-item'} data-version-id={version.id}>
      <div className="version-item-head">
        <h3 className="version-label">
          <Link to={versionPaths.version(draftId, version.id)}>{version.label}</Link>
        </h3>
        <span className="version-badges">
          <VersionBadges version={version} />
        </span>
      </div>
      <p className="version-meta">
        <span>{versionAuthorLine(version)}</span>
        <span aria-hidden="true"> · </span>
        <span className="visually-hidden">, saved </span>
        <FormattedDate iso={version.createdAt} withTime />
        {version.publishedAt ? (
          <>
            <span aria-hidden="true"> · </span>
            <span className="version-published-on">
              Published <FormattedDate iso={version.publishedAt} />
            </span>
          </>
        ) : null}
      </p>
      {version.revision !== null ? (
        <p className="version-meta">
          <Fingerprint value={version.fingerprint} />
        </p>
      ) : null}
      <VersionActions
        draftId={draftId}
        version={version}
        permissions={permissions}
        nextRevision={nextRevision}
        onAction={(action) => onAction(action, version)}
      />
    </li>
  );
}
