import { Link } from 'react-router';
import { revisionName, type VersionView } from '../../shared/api/versions.js';
import { versionPaths } from '../common/draft/versionPaths.js';
import { ExportMenu } from './ExportMenu.js';
import type { VersionAction } from './VersionAction.js';
import { versionName } from './versionName.js';
import type { VersionPermissions } from './versionPermissions.js';

export interface VersionActionsProps {
  draftId: string;
  version: VersionView;
  permissions: VersionPermissions;
  /** N of the Rev.N the version would become if published now. */
  nextRevision: number;
  onAction: (action: VersionAction) => void;
}

/**
 * The actions on one version, offered per role: reading and comparing for everyone, Export for
 * everyone (filled for published revisions), Publish and Restore for the secretariat, Rename and Delete
 * for unpublished versions to their author and the secretariat. Each label names the version, since a
 * screen reader may list the buttons out of context.
 */
export function VersionActions({ draftId, version, permissions, nextRevision, onAction }: VersionActionsProps) {
  const name = versionName(version);
  // One span per label: buttons are flex boxes, and loose text beside the hidden name would be spaced apart.
  const label = (before: string, after = '') => (
    <span>
      {before}
      <span className="visually-hidden"> {name}</span>
      {after}
    </span>
  );
  return (
    <div className="version-actions">
      <Link className="button button-small button-secondary" to={versionPaths.version(draftId, version.id)}>
        {label('Open')}
      </Link>
      <Link className="button button-small button-secondary" to={versionPaths.compare(draftId, version.id)}>
        {label('Compare', ' with live')}
      </Link>
      <button type="button" className="button button-small button-secondary" onClick={() => onAction('compare')}>
        {label('Compare', ' with…')}
      </button>
      <ExportMenu draftId={draftId} versionId={version.id} name={name} prominent={version.revision !== null} />
      {permissions.publish ? (
        <button type="button" className="button button-small" onClick={() => onAction('publish')}>
          <span>
            Publish as {revisionName(nextRevision)}…<span className="visually-hidden"> ({name})</span>
          </span>
        </button>
      ) : null}
      {permissions.restore ? (
        <button type="button" className="button button-small button-secondary" onClick={() => onAction('restore')}>
          {label('Restore', '…')}
        </button>
      ) : null}
      {permissions.change ? (
        <>
          <button type="button" className="button button-small button-secondary" onClick={() => onAction('rename')}>
            {label('Rename', '…')}
          </button>
          <button type="button" className="button button-small button-secondary button-quiet-danger" onClick={() => onAction('delete')}>
            {label('Delete', '…')}
          </button>
        </>
      ) : null}
    </div>
  );
}
