import { useState } from 'react';
import { SECURITY_ACTIONS, SECURITY_LOG_PAGE_SIZE, type SecurityAction, type SecurityEntryView } from '../../shared/api/session.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { FormattedDate } from '../common/components/FormattedDate.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { SelectField } from '../common/components/SelectField.js';
import { sessionApi } from '../session/index.js';

/** How each security action reads in the log. */
export const SECURITY_ACTION_LABELS: Record<SecurityAction, string> = {
  'session.signIn': 'Signed in',
  'session.signInFailed': 'Failed sign-in',
  'session.ended': 'Signed out another session',
  'session.endedOthers': 'Signed out everywhere else',
  'member.create': 'Added a member',
  'member.invite': 'Issued an invitation',
  'member.update': 'Changed a member',
  'member.deactivate': 'Deactivated a member',
  'member.reactivate': 'Reactivated a member',
  'member.acceptInvitation': 'Accepted an invitation',
  'draft.participants': 'Changed who may see a draft',
  'secondFactor.added': 'Added a second factor',
  'secondFactor.removed': 'Removed a second factor',
};

/** Older pages loaded on request below the newest one, for the filter they were loaded with. */
interface Older {
  entries: SecurityEntryView[];
  done: boolean;
  loading: boolean;
  error: ApiError | null;
}

const NO_OLDER: Older = { entries: [], done: false, loading: false, error: null };

/** The security log, for the secretariat: sign-ins, failed sign-ins, sessions signed out and member changes, newest first. */
export function SecurityLogPage() {
  const [action, setAction] = useState<SecurityAction | ''>('');
  const newest = useApiResource(() => sessionApi.securityLog({ action: action || undefined }), `security-log:${action}`);
  const [older, setOlder] = useState<{ key: readonly SecurityEntryView[] | null; value: Older }>({ key: null, value: NO_OLDER });
  // Older pages extend one newest page: after a reload or another filter they no longer count.
  const olderNow = older.key === newest.data ? older.value : NO_OLDER;
  const entries = newest.data ? [...newest.data, ...olderNow.entries] : null;
  const lastPage = olderNow.entries.length > 0 || olderNow.done ? null : newest.data;
  const moreToLoad = entries !== null && !olderNow.done && (lastPage ? lastPage.length === SECURITY_LOG_PAGE_SIZE : true);

  const loadOlder = () => {
    const base = newest.data;
    const before = entries?.at(-1)?.id;
    if (!base || before === undefined) return;
    setOlder({ key: base, value: { ...olderNow, loading: true, error: null } });
    const settle = (change: (value: Older) => Older) =>
      setOlder((current) => (current.key === base ? { key: base, value: change(current.value) } : current));
    sessionApi.securityLog({ before, action: action || undefined }).then(
      (page) =>
        settle((value) => ({
          entries: [...value.entries, ...page],
          done: page.length < SECURITY_LOG_PAGE_SIZE,
          loading: false,
          error: null,
        })),
      (reason: unknown) => settle((value) => ({ ...value, loading: false, error: toApiError(reason) })),
    );
  };

  return (
    <>
      <div className="page-header-row">
        <PageHeading title="Security log">
          <p>Sign-ins, failed sign-ins, sessions signed out and changes to members, newest first, with the address each came from.</p>
        </PageHeading>
        <button type="button" className="button button-small button-secondary" onClick={newest.reload} disabled={newest.loading}>
          {newest.loading ? 'Loading…' : 'Refresh'}
        </button>
      </div>
      <SelectField
        label="Show"
        className="security-log-filter"
        value={action}
        onChange={(event) => setAction(event.target.value as SecurityAction | '')}
      >
        <option value="">Every event</option>
        {SECURITY_ACTIONS.map((a) => (
          <option key={a} value={a}>
            {SECURITY_ACTION_LABELS[a]}
          </option>
        ))}
      </SelectField>
      <ErrorMessage error={newest.error} />
      {entries === null ? (
        newest.loading ? (
          <LoadingMessage label="Loading the security log…" />
        ) : null
      ) : entries.length === 0 ? (
        <p className="empty-state">Nothing has been recorded yet.</p>
      ) : (
        <SecurityTable entries={entries} />
      )}
      <ErrorMessage error={olderNow.error} />
      {moreToLoad ? (
        <p className="audit-more">
          <button type="button" className="button button-secondary" onClick={loadOlder} disabled={olderNow.loading}>
            {olderNow.loading ? 'Loading older entries…' : 'Load older entries'}
          </button>
        </p>
      ) : null}
    </>
  );
}

function SecurityTable({ entries }: { entries: readonly SecurityEntryView[] }) {
  return (
    <div className="table-scroll">
      <table className="table table-stack security-table">
        <caption className="visually-hidden">Security log, newest first</caption>
        <thead>
          <tr>
            <th scope="col" className="col-date">
              When
            </th>
            <th scope="col">Who</th>
            <th scope="col">Event</th>
            <th scope="col">Address</th>
            <th scope="col">Detail</th>
          </tr>
        </thead>
        <tbody>
          {entries.map((entry) => (
            <tr key={entry.id} data-action={entry.action}>
              <td className="col-date" data-label="When">
                <FormattedDate iso={entry.at} withTime />
              </td>
              <td data-label="Who">{entry.actor ? entry.actor.name : <span className="muted">Unknown</span>}</td>
              <td data-label="Event">{SECURITY_ACTION_LABELS[entry.action]}</td>
              <td data-label="Address">{entry.address ?? <span className="muted">—</span>}</td>
              <td data-label="Detail">{entry.action === 'session.signInFailed' ? `${entry.target}: ${entry.detail}` : entry.detail}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
