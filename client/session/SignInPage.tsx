import { useRef, useState, type FormEvent } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { PublicLayout } from '../common/components/PublicLayout.js';
import { TextField } from '../common/components/TextField.js';
import { PRODUCT_TAGLINE } from '../common/productName.js';
import { safeReturnPath } from './safeReturnPath.js';
import { sessionApi } from './sessionApi.js';
import { useSession } from './useSession.js';

/** Sign-in with email and password; afterwards back to the page the person wanted (`?next=`). */
export function SignInPage() {
  const { me, ended, signedIn } = useSession();
  const [params] = useSearchParams();
  const next = safeReturnPath(params.get('next'));
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const emailInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);

  if (me) return <Navigate to={next} replace />;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setError('Enter your email address and your password.');
      (email.trim() ? passwordInput : emailInput).current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      signedIn(await sessionApi.signIn({ email: email.trim(), password }));
    } catch (reason) {
      const failure = toApiError(reason);
      setError(signInErrorText(failure));
      setPassword('');
      setBusy(false);
      passwordInput.current?.focus();
    }
  }

  return (
    <PublicLayout>
      <PageHeading title="Sign in" focusOnMount={false}>
        <p>{PRODUCT_TAGLINE}</p>
      </PageHeading>
      {ended === 'sign-out' ? (
        <p className="message message-info" role="status">
          You have signed out.
        </p>
      ) : null}
      {ended === 'server' ? (
        <p className="message message-info" role="status">
          Your session has ended. Please sign in again.
        </p>
      ) : null}
      <form onSubmit={(event) => void submit(event)} noValidate className="stack">
        <ErrorMessage error={error} />
        <TextField
          ref={emailInput}
          label="Email address"
          type="email"
          name="email"
          autoComplete="username"
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
          required
        />
        <TextField
          ref={passwordInput}
          label="Password"
          type="password"
          name="password"
          autoComplete="current-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          required
        />
        <button type="submit" className="button button-wide" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="fine-print">
        Members are invited by the secretariat. If you have lost your invitation link or your password, ask the secretariat for a new
        invitation link.
      </p>
    </PublicLayout>
  );
}

/** "Please try again in 8 seconds." / "... in 2 minutes." */
function waitText(seconds: number | null): string {
  if (!seconds) return ' Please wait a moment and try again.';
  if (seconds < 90) return ` Please try again in ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
  const minutes = Math.ceil(seconds / 60);
  return ` Please try again in ${minutes} minutes.`;
}

/** What to tell the person about a failed sign-in. */
function signInErrorText(error: ApiError): string {
  switch (error.code) {
    case 'INVALID_CREDENTIALS':
      return 'The email address or password is not correct. Please check both and try again.';
    case 'TOO_MANY_ATTEMPTS':
      return `There have been several unsuccessful attempts to sign in, so the next one has to wait a little.${waitText(error.retryAfterSeconds)}`;
    case 'SIGN_IN_BUSY':
      return 'The server is handling many sign-ins right now. Please try again in a few seconds.';
    case 'VALIDATION_FAILED':
      return 'Enter a valid email address, such as name@ministry.gov.';
    default:
      return error.message;
  }
}
