import { useEffect, useMemo } from 'react';
import { useParams } from 'react-router';
import type { AuditEntryView } from '../../shared/api/negotiation.js';
import { openDraftEventStream } from '../common/api/draftEventStream.js';
import { draftsApi } from '../common/api/draftsApi.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { RequireRole } from '../session/index.js';
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

/**
 * Reloads when a status or position changes (the draft's event stream says so); bracket changes are not
 * announced on it, so "Refresh" loads them.
 */
function AuditLog() {
  const { id = '' } = useParams();
  const draft = useApiResource(() => draftsApi.get(id), id);
  const audit = useApiResource(() => negotiationApi.audit(id), id);
  const { reload } = audit;

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
          <p>Every change of status, position, options and brackets in {draft.data ? <>“{draft.data.title}”</> : 'the draft'}, newest first.</p>
        </PageHeading>
        <button type="button" className="button button-small button-secondary" onClick={reload} disabled={audit.loading}>
          {audit.loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      <ErrorMessage error={audit.error} />
      {audit.data ? <AuditEntries draftId={id} entries={audit.data} /> : audit.loading ? <LoadingMessage label="Loading the audit log…" /> : null}
    </NegotiationPageFrame>
  );
}

function AuditEntries({ draftId, entries }: { draftId: string; entries: readonly AuditEntryView[] }) {
  const { clauses, ready } = useLiveClauses(draftId);
  const numbers = useMemo(() => (ready ? new Map(clauses.flatMap((c) => (c.number ? [[c.id, c.number] as const] : []))) : null), [clauses, ready]);
  if (entries.length === 0) return <p className="empty-state">Nothing has been recorded yet.</p>;
  return <AuditTable entries={entries} numbers={numbers} />;
}
