import { Link, useParams } from 'react-router';
import { draftsApi } from '../api/draftsApi.js';
import { useApiResource } from '../api/useApiResource.js';
import { ErrorMessage } from '../components/ErrorMessage.js';
import { LoadingMessage } from '../components/LoadingMessage.js';
import { PageHeading } from '../components/PageHeading.js';

/**
 * One draft. Placeholder until the clause-by-clause editor lands (issue 3): shows the draft's title
 * and the way back to the list.
 */
export function DraftPage() {
  const { id = '' } = useParams();
  const draft = useApiResource(() => draftsApi.get(id), id);
  return (
    <div className="narrow">
      <p className="back-link">
        <Link to="/drafts">← All drafts</Link>
      </p>
      {draft.loading ? <LoadingMessage label="Opening the draft…" /> : null}
      {draft.error ? (
        <>
          <PageHeading title="Draft not available" />
          <ErrorMessage error={draft.error.code === 'DRAFT_NOT_FOUND' ? 'There is no draft at this address.' : draft.error} />
        </>
      ) : null}
      {draft.data ? <PageHeading title={draft.data.title} /> : null}
    </div>
  );
}
