import { useState } from 'react';
import type { SessionView } from '../../shared/api/session.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { FormattedDate } from '../common/components/FormattedDate.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { Notice } from '../common/components/Notice.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { sessionApi } from './sessionApi.js';

/**
 * "Your sessions": where and when the signed-in member signed in, this browser marked, and a way to sign
 * out any other one, or all of them at once (a lost laptop, a shared computer left signed in).
 */
export function SessionsPage() {
  const sessions = useApiResource(() => sessionApi.sessions(), 'sessions');
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const others = sessions.data?.filter((s) => !s.current) ?? [];

  async function run(work: () => Promise<string>) {
    setBusy(true);
    setError(null);
    try {
      setNotice(await work());
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
      sessions.reload();
    }
  }

  const endOne = (session: SessionView) =>
    run(async () => {
      await sessionApi.endSession(session.id);
      return `T${describe(session).slice(1)} has been signed out.`;
    });
  const endOthers = () =>
    run(async () => {
      const { ended } = await sessionApi.endOtherSessions();
      return ended === 1 ? 'One other session has been signed out.' : `${ended} other sessions have been signed out.`;
    });

  return (
    <>
      <PageHeading title="Your sessions">
        <p>
          Where and when you are signed in. If you do not recognise one, sign it out and tell the secretariat. Signing a session out closes
          its open drafts at once.
        </p>
      </PageHeading>
      <Notice text={notice} />
      <ErrorMessage error={error ?? sessions.error} />
      {sessions.loading && !sessions.data ? <LoadingMessage label="Loading your sessions…" /> : null}
      {sessions.data ? (
        <section className="section" aria-labelledby="sessions-title">
          <h2 id="sessions-title">Signed in ({sessions.data.length})</h2>
          <div className="table-scroll">
            <table className="table table-stack sessions-table">
              <caption className="visually-hidden">Your sessions, oldest first</caption>
              <thead>
                <tr>
                  <th scope="col">Browser</th>
                  <th scope="col">Address</th>
                  <th scope="col" className="col-date">
                    Signed in
                  </th>
                  <th scope="col">
                    <span className="visually-hidden">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {sessions.data.map((session) => (
                  <tr key={session.id} data-current={session.current ? 'true' : undefined}>
                    <td data-label="Browser">
                      {session.browser ?? <span className="muted">Not recorded</span>}
                      {session.current ? (
                        <>
                          <span className="visually-hidden">, </span> <span className="status status-active">This browser</span>
                        </>
                      ) : null}
                    </td>
                    <td data-label="Address">{session.address ?? <span className="muted">Not recorded</span>}</td>
                    <td className="col-date" data-label="Signed in">
                      <FormattedDate iso={session.createdAt} withTime />
                    </td>
                    <td data-label="Actions">
                      {session.current ? (
                        <span className="muted">Use “Sign out” at the top</span>
                      ) : (
                        <button
                          type="button"
                          className="button button-small button-secondary"
                          disabled={busy}
                          aria-label={`Sign out ${describe(session)}`}
                          onClick={() => void endOne(session)}
                        >
                          Sign out
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {others.length > 0 ? (
            <p className="sessions-actions">
              <button type="button" className="button button-secondary" disabled={busy} onClick={() => void endOthers()}>
                Sign out everywhere else
              </button>
            </p>
          ) : (
            <p className="sessions-actions muted">You are not signed in anywhere else.</p>
          )}
        </section>
      ) : null}
    </>
  );
}

/** "the session in Chrome on Windows from 192.0.2.7": how the button's accessible name and the notice name it. */
function describe(session: SessionView): string {
  const where = session.browser ? ` in ${session.browser}` : '';
  const from = session.address ? ` from ${session.address}` : '';
  return `the session${where}${from}`;
}
