import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { MeResponse } from '../../shared/api/session.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { onUnauthenticated } from '../common/api/apiRequest.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { sessionApi } from './sessionApi.js';
import { SessionContext, type SessionState } from './SessionContext.js';

/**
 * Asks the server who is signed in before rendering the app, so protected pages never flash for a
 * signed-out visitor. Any later 401 UNAUTHENTICATED (session expired, member deactivated) signs the
 * person out here too, and the protected page sends them to sign-in.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<MeResponse | null | undefined>(undefined);
  const [ended, setEnded] = useState<SessionState['ended']>(null);
  const [failure, setFailure] = useState<ApiError | null>(null);

  useEffect(() => {
    let current = true;
    sessionApi.me().then(
      (value) => current && setMe(value),
      (reason: unknown) => {
        if (!current) return;
        const error = toApiError(reason);
        if (error.code === 'UNAUTHENTICATED') setMe(null);
        else setFailure(error);
      },
    );
    return () => {
      current = false;
    };
  }, []);

  const wasSignedIn = useRef(false);
  wasSignedIn.current = !!me;

  useEffect(
    () =>
      onUnauthenticated(() => {
        if (wasSignedIn.current) setEnded('server');
        setMe(null);
      }),
    [],
  );

  const signedIn = useCallback((value: MeResponse) => {
    setEnded(null);
    setMe(value);
  }, []);

  const signOut = useCallback(async () => {
    try {
      await sessionApi.signOut();
    } finally {
      setEnded('sign-out');
      setMe(null);
    }
  }, []);

  const value = useMemo<SessionState>(() => ({ me: me ?? null, ended, signedIn, signOut }), [me, ended, signedIn, signOut]);

  if (failure) {
    return (
      <main className="centered-page" id="main">
        <div className="card">
          <h1>The workspace cannot be reached</h1>
          <p role="alert">{failure.message}</p>
          <button type="button" className="button" onClick={() => window.location.reload()}>
            Try again
          </button>
        </div>
      </main>
    );
  }
  if (me === undefined) {
    return (
      <main className="centered-page" id="main">
        <LoadingMessage label="Opening the workspace…" />
      </main>
    );
  }
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}
