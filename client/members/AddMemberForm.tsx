import { useRef, useState, type FormEvent } from 'react';
import type { DelegationView } from '../../shared/api/delegations.js';
import type { InvitationIssued } from '../../shared/api/members.js';
import { LIMITS } from '../../shared/limits.js';
import { ROLE_LABELS, ROLES, type Role } from '../../shared/roles.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { SelectField } from '../common/components/SelectField.js';
import { TextField } from '../common/components/TextField.js';
import { membersApi } from './membersApi.js';

interface Errors {
  email?: string;
  name?: string;
  delegationId?: string;
}

const EMPTY = { email: '', name: '', role: 'delegate' as Role, delegationId: '' };

/**
 * Adds a member (email, name, role, delegation). A delegate must belong to a delegation; a reviewer
 * may. On success the parent shows the invitation link the server issued.
 */
export function AddMemberForm({ delegations, onAdded }: { delegations: DelegationView[]; onAdded: (issued: InvitationIssued) => void }) {
  const [values, setValues] = useState(EMPTY);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);

  const set = (field: keyof typeof EMPTY) => (event: { target: { value: string } }) => {
    setValues((v) => ({ ...v, [field]: event.target.value }));
    setErrors((e) => ({ ...e, [field]: undefined }));
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const found = check(values);
    setErrors(found);
    setFailure(null);
    if (Object.keys(found).length > 0) return focusFirstInvalidSoon(form.current);
    setBusy(true);
    try {
      const issued = await membersApi.create({
        email: values.email.trim(),
        name: values.name.trim(),
        role: values.role,
        delegationId: values.delegationId || null,
      });
      setValues(EMPTY);
      onAdded(issued);
    } catch (reason) {
      const error = toApiError(reason);
      const fields: Errors = error.code === 'EMAIL_TAKEN' ? { email: error.message } : pick(error.fieldErrors());
      if (Object.keys(fields).length > 0) {
        setErrors(fields);
        focusFirstInvalidSoon(form.current);
      } else {
        setFailure(error);
      }
    } finally {
      setBusy(false);
    }
  }

  return (
    <form ref={form} onSubmit={(event) => void submit(event)} noValidate className="stack">
      <ErrorMessage error={failure} />
      <div className="form-grid">
        <TextField
          label="Email address"
          hint="They sign in with this address."
          type="email"
          autoComplete="off"
          spellCheck={false}
          maxLength={LIMITS.emailLength}
          value={values.email}
          onChange={set('email')}
          error={errors.email}
        />
        <TextField
          label="Full name"
          hint="As colleagues should see it, e.g. “Mette Hansen”."
          autoComplete="off"
          maxLength={LIMITS.nameLength}
          value={values.name}
          onChange={set('name')}
          error={errors.name}
        />
        <SelectField
          label="Role"
          hint="Delegates edit the text; reviewers comment; the secretariat administers."
          value={values.role}
          onChange={set('role')}
        >
          {ROLES.map((role) => (
            <option key={role} value={role}>
              {ROLE_LABELS[role]}
            </option>
          ))}
        </SelectField>
        <SelectField
          label="Delegation"
          hint={values.role === 'delegate' ? 'Required for a delegate.' : 'Optional for this role.'}
          value={values.delegationId}
          onChange={set('delegationId')}
          error={errors.delegationId}
        >
          <option value="">{values.role === 'delegate' ? 'Choose a delegation…' : 'No delegation'}</option>
          {delegations.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name}
            </option>
          ))}
        </SelectField>
      </div>
      <div>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Adding…' : 'Add member and create invitation link'}
        </button>
      </div>
    </form>
  );
}

function check(values: typeof EMPTY): Errors {
  const errors: Errors = {};
  if (!/^\S+@\S+\.\S+$/.test(values.email.trim())) errors.email = 'Enter an email address, such as name@ministry.gov.';
  if (!values.name.trim()) errors.name = 'Enter the member’s name.';
  if (values.role === 'delegate' && !values.delegationId) errors.delegationId = 'Choose the delegation this delegate belongs to.';
  return errors;
}

function pick(fields: Record<string, string>): Errors {
  const errors: Errors = {};
  if (fields.email) errors.email = fields.email;
  if (fields.name) errors.name = fields.name;
  if (fields.delegationId) errors.delegationId = fields.delegationId;
  return errors;
}

/** Focuses the first field marked invalid, once React has rendered the errors. */
function focusFirstInvalidSoon(form: HTMLFormElement | null): void {
  requestAnimationFrame(() => form?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus());
}
