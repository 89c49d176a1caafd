import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import type { InvitationView } from '../../shared/api/invitations.js';
import { LIMITS } from '../../shared/limits.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { PublicLayout } from '../common/components/PublicLayout.js';
import { TextField } from '../common/components/TextField.js';
import { invitationsApi } from './invitationsApi.js';
import { DEFAULT_SIGNED_IN_PATH } from './safeReturnPath.js';
import { useSession } from './useSession.js';

/** Where an invitation link leads: greets the new member, who sets a password and is signed in. */
export function InvitationPage() {
  const { token = '' } = useParams();
  const invitation = useApiResource(() => invitationsApi.describe(token), token);
  const [spent, setSpent] = useState<ApiError | null>(null);

  let content;
  if (invitation.loading) content = <LoadingMessage label="Checking your invitation…" />;
  else if (spent || invitation.error) content = <InvalidInvitation error={spent ?? invitation.error} />;
  else if (invitation.data) content = <SetPasswordForm token={token} invitation={invitation.data} onInvalid={setSpent} />;
  return <PublicLayout>{content}</PublicLayout>;
}

function InvalidInvitation({ error }: { error: ApiError | null }) {
  const invalid = error?.code === 'INVITATION_INVALID';
  return (
    <>
      <PageHeading title="This invitation link cannot be used">
        <p role="alert">
          {invalid
            ? 'The link is incomplete, has already been used, or has expired. Invitation links work once and for a limited time. Please ask the secretariat for a new one.'
            : (error?.message ?? 'The invitation could not be checked.')}
        </p>
      </PageHeading>
      <p>
        Already set your password? <Link to="/sign-in">Sign in</Link>
      </p>
    </>
  );
}

interface FieldErrors {
  password?: string;
  confirm?: string;
}

function SetPasswordForm({
  token,
  invitation,
  onInvalid,
}: {
  token: string;
  invitation: InvitationView;
  onInvalid: (error: ApiError) => void;
}) {
  const { signedIn } = useSession();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = checkPasswords(password, confirm);
    setErrors(found);
    if (found.password) return passwordInput.current?.focus();
    if (found.confirm) return confirmInput.current?.focus();
    setBusy(true);
    setFailure(null);
    try {
      signedIn(await invitationsApi.accept(token, password));
      void navigate(DEFAULT_SIGNED_IN_PATH, { replace: true });
    } catch (reason) {
      const error = toApiError(reason);
      setBusy(false);
      if (error.code === 'INVITATION_INVALID') return onInvalid(error);
      const fieldMessage = error.code === 'WEAK_PASSWORD' ? error.message : error.fieldErrors().password;
      if (fieldMessage) {
        setErrors({ password: fieldMessage });
        passwordInput.current?.focus();
      } else {
        setFailure(error);
      }
    }
  }

  return (
    <>
      <PageHeading title={`Welcome, ${invitation.name}`}>
        <p>
          You have been invited to take part in the drafting. Choose a password to finish setting up your account; you will then be signed
          in.
        </p>
      </PageHeading>
      <form onSubmit={(event) => void submit(event)} noValidate className="stack">
        <ErrorMessage error={failure} />
        <TextField label="Email address" type="email" name="email" autoComplete="username" value={invitation.email} readOnly />
        <TextField
          ref={passwordInput}
          label="New password"
          hint={`At least ${LIMITS.passwordMinLength} characters, not easy to guess, and without your name or email. A few unrelated words make a strong password that is easy to remember.`}
          type="password"
          name="new-password"
          autoComplete="new-password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
          error={errors.password}
          required
        />
        <TextField
          ref={confirmInput}
          label="Repeat the new password"
          type="password"
          name="confirm-password"
          autoComplete="new-password"
          value={confirm}
          onChange={(event) => setConfirm(event.target.value)}
          error={errors.confirm}
          required
        />
        <button type="submit" className="button button-wide" disabled={busy}>
          {busy ? 'Setting your password…' : 'Set password and sign in'}
        </button>
      </form>
    </>
  );
}

/** The same rules as the server's PasswordSchema, with messages written for the form. */
function checkPasswords(password: string, confirm: string): FieldErrors {
  if (password.length < LIMITS.passwordMinLength) {
    return { password: `Choose a password of at least ${LIMITS.passwordMinLength} characters.` };
  }
  if (password.length > LIMITS.passwordMaxLength) {
    return { password: `Choose a password of at most ${LIMITS.passwordMaxLength} characters.` };
  }
  if (password !== confirm) return { confirm: 'The two passwords are not the same. Please type the password again.' };
  return {};
}
