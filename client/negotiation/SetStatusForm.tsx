import { useId, useState, type FormEvent } from 'react';
import { CLAUSE_STATUS_LABELS, CLAUSE_STATUSES, statusChangeProblem, type ClauseStatus } from '../../shared/negotiation/clauseStatus.js';
import { STATUS_NOTE_LENGTH } from '../../shared/negotiation/positions.js';
import { toApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { describeNegotiationError } from './describeNegotiationError.js';
import { suggestedStatus } from './suggestedStatus.js';

export interface SetStatusFormProps {
  /** "OP2" */
  name: string;
  current: ClauseStatus;
  /** Records the change; rejects with an ApiError, and then the form stays as it was with the error. */
  onSubmit: (status: ClauseStatus, note: string) => Promise<void>;
  onCancel: () => void;
}

/** The secretariat's choice of a clause's next status with a note. Choices the rules forbid are shown but disabled, with the reason. */
export function SetStatusForm({ name, current, onSubmit, onCancel }: SetStatusFormProps) {
  const [status, setStatus] = useState<ClauseStatus>(() => suggestedStatus(current));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groupName = useId();
  const noteId = useId();

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = statusChangeProblem(current, status);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await onSubmit(status, note.trim());
    } catch (reason) {
      setError(describeNegotiationError(toApiError(reason)));
      setBusy(false);
    }
  }

  return (
    <form className="stack negotiation-form" onSubmit={(event) => void submit(event)} noValidate>
      <fieldset className="fieldset">
        <legend className="field-label">New status of {name}</legend>
        {CLAUSE_STATUSES.map((choice) => {
          const problem = statusChangeProblem(current, choice);
          return (
            <label key={choice} className={problem ? 'choice choice-disabled' : 'choice'}>
              <input
                type="radio"
                name={groupName}
                value={choice}
                checked={status === choice}
                disabled={problem !== null}
                onChange={() => {
                  setStatus(choice);
                  setError(null);
                }}
              />
              <span>
                <span className="choice-label">{CLAUSE_STATUS_LABELS[choice]}</span>
                {problem ? <span className="choice-hint">{problem}</span> : null}
              </span>
            </label>
          );
        })}
      </fieldset>
      <div className="field">
        <label htmlFor={noteId} className="field-label">
          Note <span className="muted">(optional)</span>
        </label>
        <textarea
          id={noteId}
          className="input negotiation-textarea"
          rows={3}
          maxLength={STATUS_NOTE_LENGTH}
          value={note}
          placeholder="e.g. Agreed in informal consultations, pending confirmation by capitals"
          onChange={(event) => setNote(event.target.value)}
        />
      </div>
      <ErrorMessage error={error} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Set status'}
        </button>
      </div>
    </form>
  );
}
