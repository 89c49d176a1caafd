import { useId, useState, type FormEvent } from 'react';
import { CLAUSE_STATUS_LABELS, CLAUSE_STATUSES, statusChangeProblem, type ClauseStatus } from '../../shared/negotiation/clauseStatus.js';
import { STATUS_NOTE_LENGTH } from '../../shared/negotiation/positions.js';
import { describeUnsettled, isUnsettled } from '../../shared/negotiation/unsettled.js';
import { toApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { describeNegotiationError } from './describeNegotiationError.js';
import { suggestedStatus } from './suggestedStatus.js';

export interface SetStatusFormProps {
  /** "OP2" */
  name: string;
  current: ClauseStatus;
  /**
   * Records the change; rejects with an ApiError, and then the form stays as it was with the error.
   * `confirm`: the secretariat confirmed agreeing a clause that still holds proposals or brackets.
   */
  onSubmit: (status: ClauseStatus, note: string, confirm: boolean) => Promise<void>;
  onCancel: () => void;
}

/**
 * The secretariat's choice of a clause's next status with a note. Choices the rules forbid are shown but
 * disabled, with the reason. Agreeing a clause that still holds proposals or brackets is asked once more
 * (the server answers CONFIRMATION_REQUIRED with how many): the form says how many and the submit button
 * becomes "Agree anyway"; changing the choice or the note asks again.
 */
export function SetStatusForm({ name, current, onSubmit, onCancel }: SetStatusFormProps) {
  const [status, setStatus] = useState<ClauseStatus>(() => suggestedStatus(current));
  const [note, setNote] = useState('');
  const [error, setError] = useState<string | null>(null);
  /** The question asked after CONFIRMATION_REQUIRED, while it stands. */
  const [question, setQuestion] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const groupName = useId();
  const noteId = useId();
  const adRef = status === 'agreed-ad-ref';

  async function submit(event: FormEvent) {
    event.preventDefault();
    const problem = statusChangeProblem(current, status);
    if (problem) return setError(problem);
    setBusy(true);
    setError(null);
    try {
      await onSubmit(status, note.trim(), question !== null);
    } catch (reason) {
      const apiError = toApiError(reason);
      if (apiError.code === 'CONFIRMATION_REQUIRED' && isUnsettled(apiError.details)) {
        setQuestion(`${name} still has ${describeUnsettled(apiError.details)}. Agree it${adRef ? ' ad ref' : ''} anyway?`);
      } else {
        setQuestion(null);
        setError(describeNegotiationError(apiError));
      }
      setBusy(false);
    }
  }

  function changed() {
    setError(null);
    setQuestion(null);
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
                  changed();
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
          onChange={(event) => {
            setNote(event.target.value);
            if (question) setQuestion(null);
          }}
        />
      </div>
      <ErrorMessage error={error} />
      {question ? (
        <div className="message message-info" role="alert">
          {question}
        </div>
      ) : null}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : question ? `Agree${adRef ? ' ad ref' : ''} anyway` : 'Set status'}
        </button>
      </div>
    </form>
  );
}
