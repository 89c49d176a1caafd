import { useState, type FormEvent } from 'react';
import type { DelegationView } from '../../shared/api/delegations.js';
import type { MemberView } from '../../shared/api/members.js';
import { LIMITS } from '../../shared/limits.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { TextField } from '../common/components/TextField.js';
import { delegationsApi } from './delegationsApi.js';

export interface DelegationsSectionProps {
  delegations: DelegationView[];
  members: MemberView[];
  onAdded: (delegation: DelegationView) => void;
}

/** The delegations taking part, how many active members each has, and a form to add one. */
export function DelegationsSection({ delegations, members, onAdded }: DelegationsSectionProps) {
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!name.trim()) return setNameError('Enter the name of the delegation.');
    setBusy(true);
    setFailure(null);
    try {
      onAdded(await delegationsApi.create(name.trim()));
      setName('');
    } catch (reason) {
      const error = toApiError(reason);
      const fieldMessage = error.code === 'DELEGATION_EXISTS' ? error.message : error.fieldErrors().name;
      if (fieldMessage) setNameError(fieldMessage);
      else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  const count = (id: string) => members.filter((m) => m.delegationId === id && m.active).length;

  return (
    <section className="section card" aria-labelledby="delegations-title">
      <h2 id="delegations-title">Delegations</h2>
      <p className="section-intro">The states taking part, with the number of active members in each.</p>
      <ul className="delegation-list">
        {delegations.map((d) => (
          <li key={d.id}>
            <span className="delegation-name">{d.name}</span>
            <span className="muted">
              {count(d.id)} {count(d.id) === 1 ? 'member' : 'members'}
            </span>
          </li>
        ))}
      </ul>
      <form onSubmit={(event) => void submit(event)} noValidate className="inline-add">
        <TextField
          label="Add a delegation"
          hint="The name of the state, as it should appear beside its delegates."
          value={name}
          maxLength={LIMITS.delegationNameLength}
          onChange={(event) => {
            setName(event.target.value);
            setNameError(undefined);
          }}
          error={nameError}
        />
        <button type="submit" className="button button-secondary" disabled={busy}>
          Add delegation
        </button>
      </form>
      <ErrorMessage error={failure} />
    </section>
  );
}
