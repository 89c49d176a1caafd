import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { revisionName } from '../../shared/api/versions.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { DraftUnavailable } from '../common/components/DraftUnavailable.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { versionPaths } from '../common/draft/versionPaths.js';
import { CompareWithDialog } from './CompareWithDialog.js';
import { ExportMenu } from './ExportMenu.js';
import { ReadOnlyClause } from './ReadOnlyClause.js';
import { useDraftVersions } from './useDraftVersions.js';
import { VersionBackLinks } from './VersionBackLinks.js';
import { VersionBanner } from './VersionBanner.js';
import { versionName } from './versionName.js';
import { VersionOutline } from './VersionOutline.js';
import { versionsApi } from './versionsApi.js';
import '../styles/draft.css';
import '../styles/versions.css';

/**
 * One saved version, read-only and laid out like the editor (outline, clause cards), with a banner
 * saying which version it is, and its Export and Compare actions.
 */
export function VersionPage() {
  const { id = '', versionId = '' } = useParams();
  const detail = useApiResource(() => versionsApi.get(id, versionId), `${id}/${versionId}`);
  const { versions } = useDraftVersions(id);
  const [comparing, setComparing] = useState(false);

  if (detail.error) return <DraftUnavailable error={detail.error} title="Version not available" />;
  if (!detail.data) return <LoadingMessage label="Opening the version…" />;

  // The list is live, so a rename or a publication shows here too.
  const version = versions.data?.find((v) => v.id === versionId) ?? detail.data.version;
  const { text } = detail.data;
  const name = version.revision !== null ? revisionName(version.revision) : versionName(version);
  return (
    <div className="draft-page version-page">
      <VersionBackLinks draftId={id} />
      <div className="draft-header">
        <PageHeading title={text.title} />
        <div className="version-page-actions">
          <ExportMenu draftId={id} versionId={version.id} name={name} prominent={version.revision !== null} />
          <Link className="button button-small button-secondary" to={versionPaths.compare(id, version.id)}>
            Compare with live
          </Link>
          <button
            type="button"
            className="button button-small button-secondary"
            onClick={() => setComparing(true)}
            disabled={!versions.data}
          >
            Compare with…
          </button>
        </div>
      </div>
      <VersionBanner version={version} />
      <div className="draft-layout">
        <VersionOutline clauses={text.clauses} />
        <div className="clause-list">
          {text.clauses.length === 0 ? <p className="empty-state">This version has no clauses.</p> : null}
          {text.clauses.map((clause) => (
            <ReadOnlyClause key={clause.id} clause={clause} />
          ))}
        </div>
      </div>
      <CompareWithDialog
        draftId={id}
        version={comparing ? version : null}
        versions={versions.data ?? []}
        onClose={() => setComparing(false)}
      />
    </div>
  );
}
