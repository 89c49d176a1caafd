import { useEffect, useMemo, useState } from 'react';
import { useParams } from 'react-router';
import { AUDIT_PAGE_SIZE, type AuditEntryView } from '../../shared/api/negotiation.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { openDraftEventStream } from '../common/api/draftEventStream.js';
import { draftsApi } from '../common/api/draftsApi.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { RequireRole } from '../session/index.js';
import { mayHaveOlder, olderPagesUnder, withOlderPage, type OlderPages } from './auditPages.js';
import { AuditTable } from './AuditTable.js';
import { negotiationApi } from './negotiationApi.js';
import { NegotiationPageFrame } from './NegotiationPageFrame.js';
import { useLiveClauses } from './useLiveClauses.js';
import '../styles/negotiation.css';

/** The negotiation audit log of a draft, for the secretariat: every status, position, settlement and bracket change. */
export function AuditPage() {
  return (
    <RequireRole role="secretariat">
      <AuditLog />
    </RequireRole>
  );
}

/** Older pages of the log, loaded on request below the newest one, and the request under way. */
interface OlderEntries extends OlderPages<AuditEntryView> {
  loading: boolean;
  error: ApiError | null;
}

const NO_OLDER: OlderEntries = { base: null, entries: [], done: false, loading: false, error: null };

/**
 * Shows the newest page of the log and loads older pages on request. Reloads (back to the newest page) when
 * a status or position changes (the draft's event stream says so); bracket changes are not announced on
 * it, so "Refresh" loads them.
 */
function AuditLog() {
  const { id = '' } = useParams();
  const draft = useApiResource(() => draftsApi.get(id), id);
  const audit = useApiResource(() => negotiationApi.audit(id), id);
  const { reload } = audit;
  const [stored, setOlder] = useState<OlderEntries>(NO_OLDER);
  // Older pages extend one newest page: after a reload (a new newest page) they no longer count.
  const older = olderPagesUnder(stored, audit.data, NO_OLDER);
  const entries = audit.data ? [...audit.data, ...older.entries] : null;
  const moreToLoad = mayHaveOlder(audit.data, older, AUDIT_PAGE_SIZE);

  const loadOlder = () => {
    const base = audit.data;
    const before = entries?.at(-1)?.id;
    if (base === null || before === undefined) return;
    setOlder({ ...older, base, loading: true, error: null });
    // An answer for another newest page than the one shown when it comes back is dropped.
    const settle = (change: (current: OlderEntries) => OlderEntries) =>
      setOlder((current) => (current.base === base ? change(current) : current));
    negotiationApi.audit(id, before).then(
      (page) => settle((current) => ({ ...withOlderPage(current, base, page, AUDIT_PAGE_SIZE), loading: false, error: null })),
      (reason: unknown) => settle((current) => ({ ...current, loading: false, error: toApiError(reason) })),
    );
  };

  useEffect(
    () =>
      openDraftEventStream(id, {
        onOpen: reload,
        onEvent: (event) => {
          if (event.type === 'clause.status' || event.type === 'position.changed' || event.type === 'position.withdrawn') reload();
        },
      }),
    [id, reload],
  );

  return (
    <NegotiationPageFrame draftId={id} draft={draft}>
      <div className="page-header-row">
        <PageHeading title="Audit log">
          <p>
            Every change of status, position, options and brackets in {draft.data ? <>“{draft.data.title}”</> : 'the draft'}, newest first.
          </p>
        </PageHeading>
        <button type="button" className="button button-small button-secondary" onClick={reload} disabled={audit.loading}>
          {audit.loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      <ErrorMessage error={audit.error} />
      {entries ? <AuditEntries draftId={id} entries={entries} /> : audit.loading ? <LoadingMessage label="Loading the audit log…" /> : null}
      <ErrorMessage error={older.error} />
      {moreToLoad ? (
        <p className="audit-more">
          <button type="button" className="button button-secondary" onClick={loadOlder} disabled={older.loading}>
            {older.loading ? 'Loading older entries…' : 'Load older entries'}
          </button>
        </p>
      ) : null}
    </NegotiationPageFrame>
  );
}

function AuditEntries({ draftId, entries }: { draftId: string; entries: readonly AuditEntryView[] }) {
  const { clauses, ready } = useLiveClauses(draftId);
  const numbers = useMemo(
    () => (ready ? new Map(clauses.flatMap((c) => (c.number ? [[c.id, c.number] as const] : []))) : null),
    [clauses, ready],
  );
  if (entries.length === 0) return <p className="empty-state">Nothing has been recorded yet.</p>;
  return <AuditTable entries={entries} numbers={numbers} />;
}
