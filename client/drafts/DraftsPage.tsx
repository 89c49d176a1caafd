import { useRef, useState } from 'react';
import type { DraftSummary } from '../../shared/api/drafts.js';
import { draftsApi } from '../common/api/draftsApi.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { Notice } from '../common/components/Notice.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { useSession } from '../session/index.js';
import { DraftTable } from './DraftTable.js';
import { NewDraftDialog } from './NewDraftDialog.js';
import { useLiveDrafts } from './useLiveDrafts.js';

/**
 * The drafts of the workspace, newest first, with archived ones folded away. The secretariat also
 * creates, renames, archives and restores drafts here.
 */
export function DraftsPage() {
  const { me } = useSession();
  const manage = me?.role === 'secretariat';
  const drafts = useApiResource(() => draftsApi.list(), 'drafts');
  useLiveDrafts(drafts);
  const [creating, setCreating] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [focusId, setFocusId] = useState<string | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  const list = drafts.data ?? [];
  const active = list.filter((d) => !d.archived);
  const archived = list.filter((d) => d.archived);

  function replace(updated: DraftSummary) {
    drafts.setData((current) => (current ?? []).map((d) => (d.id === updated.id ? updated : d)));
  }

  function created(draft: DraftSummary) {
    drafts.setData((current) => [draft, ...(current ?? [])]);
    setNotice(`The draft “${draft.title}” has been created.`);
    // After the dialog has closed and handed focus back, move it on to the new draft's link.
    requestAnimationFrame(() => setFocusId(draft.id));
  }

  /** A confirmation; with `moved`, the row left its table, so focus goes to the message instead of nowhere. */
  function announce(text: string, moved = false) {
    setNotice(text);
    if (moved) requestAnimationFrame(() => noticeRef.current?.focus());
  }

  const intro =
    me?.role === 'reviewer'
      ? 'The texts under negotiation. Open a draft to read it and comment clause by clause.'
      : 'The texts under negotiation. Open a draft to work on it clause by clause.';

  return (
    <>
      <div className="page-header-row">
        <PageHeading title="Drafts">
          <p>{intro}</p>
        </PageHeading>
        {manage ? (
          <button type="button" className="button" onClick={() => setCreating(true)}>
            New draft
          </button>
        ) : null}
      </div>
      <Notice ref={noticeRef} text={notice} />
      {drafts.loading && !drafts.data ? <LoadingMessage label="Loading the drafts…" /> : null}
      <ErrorMessage error={drafts.error} />
      {drafts.data ? (
        <>
          <section aria-labelledby="current-drafts">
            <h2 id="current-drafts" className="visually-hidden">
              Current drafts
            </h2>
            {active.length > 0 ? (
              <DraftTable drafts={active} manage={manage} focusId={focusId} onChanged={replace} onNotice={announce} />
            ) : (
              <p className="empty-state">
                {manage ? 'There are no current drafts. Create one with “New draft”.' : 'There are no drafts yet.'}
              </p>
            )}
          </section>
          {archived.length > 0 ? (
            <details className="archived-drafts section">
              <summary>
                <h2>Archived drafts ({archived.length})</h2>
              </summary>
              <p className="section-intro">
                Archived drafts can still be opened, read, exported and compared, but not changed until the secretariat restores them.
              </p>
              <DraftTable drafts={archived} manage={manage} focusId={focusId} onChanged={replace} onNotice={announce} />
            </details>
          ) : null}
        </>
      ) : null}
      {manage ? <NewDraftDialog open={creating} onClose={() => setCreating(false)} onCreated={created} /> : null}
    </>
  );
}
