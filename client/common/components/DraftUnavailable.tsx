import { Link } from 'react-router';
import type { ApiError } from '../api/ApiError.js';
import { ErrorMessage } from './ErrorMessage.js';
import { PageHeading } from './PageHeading.js';

/** What a draft's own pages (history, a version, positions, audit log) show when the draft (or the version) cannot be loaded. */
export function DraftUnavailable({
  error,
  title = 'Draft not available',
}: {
  error: ApiError;
  /** @default 'Draft not available' */ title?: string;
}) {
  const message =
    error.code === 'DRAFT_NOT_FOUND'
      ? 'There is no draft at this address.'
      : error.code === 'VERSION_NOT_FOUND'
        ? 'There is no such version of this draft.'
        : error;
  return (
    <div className="narrow">
      <p className="back-link">
        <Link to="/drafts">← All drafts</Link>
      </p>
      <PageHeading title={title} />
      <ErrorMessage error={message} />
    </div>
  );
}
