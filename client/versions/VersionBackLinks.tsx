import { Link } from 'react-router';
import { versionPaths } from '../common/draft/versionPaths.js';

/** "← History · Live draft" above the pages that show a saved text. */
export function VersionBackLinks({ draftId }: { draftId: string }) {
  return (
    <p className="back-link">
      <Link to={versionPaths.history(draftId)}>← History</Link>
      <span className="back-link-separator" aria-hidden="true">
        ·
      </span>
      <Link to={versionPaths.draft(draftId)}>Live draft</Link>
    </p>
  );
}
