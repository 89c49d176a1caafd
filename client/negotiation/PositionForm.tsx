import { useId, useState, type FormEvent } from 'react';
import type { PositionView, SetPositionBody } from '../../shared/api/negotiation.js';
import { POSITION_LABELS, POSITIONS, RESERVATION_TEXT_LENGTH, type Position } from '../../shared/negotiation/positions.js';
import { toApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { describeNegotiationError } from './describeNegotiationError.js';
import { POSITION_HINTS } from './positionHints.js';

export interface PositionFormProps {
  /** "OP2" */
  name: string;
  delegationName: string;
  /** The delegation's current position on the clause, or null. */
  current: PositionView | null;
  /** Records the position; rejects with an ApiError, and then the form keeps what was chosen and typed. */
  onSave: (body: SetPositionBody) => Promise<void>;
  /** Withdraws the current position; rejects like onSave. */
  onWithdraw: () => Promise<void>;
  onCancel: () => void;
}

/** A delegate's position on a clause for their delegation: one of four, a reservation with its text; or withdraw it. */
export function PositionForm({ name, delegationName, current, onSave, onWithdraw, onCancel }: PositionFormProps) {
  const [position, setPosition] = useState<Position | null>(current?.position ?? null);
  const [text, setText] = useState(current?.text ?? '');
  const [error, setError] = useState<string | null>(null);
  const [textError, setTextError] = useState<string | undefined>();
  const [busy, setBusy] = useState<'save' | 'withdraw' | null>(null);
  const groupName = useId();
  const textId = useId();

  async function run(kind: 'save' | 'withdraw', change: () => Promise<void>) {
    setBusy(kind);
    setError(null);
    try {
      await change();
    } catch (reason) {
      const failure = toApiError(reason);
      const fieldMessage = failure.fieldErrors().text;
      if (fieldMessage) setTextError(fieldMessage);
      else setError(describeNegotiationError(failure));
      setBusy(null);
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    if (position === null) return setError('Choose a position.');
    const reservation = text.trim();
    if (position === 'reservation' && reservation === '') return setTextError('Write what the delegation reserves on.');
    void run('save', () => onSave(position === 'reservation' ? { position, text: reservation } : { position }));
  }

  return (
    <form className="stack negotiation-form" onSubmit={submit} noValidate>
      <fieldset className="fieldset">
        <legend className="field-label">
          Position of {delegationName} on {name}
        </legend>
        {POSITIONS.map((choice) => (
          <label key={choice} className="choice">
            <input
              type="radio"
              name={groupName}
              value={choice}
              checked={position === choice}
              onChange={() => {
                setPosition(choice);
                setError(null);
              }}
            />
            <span>
              <span className="choice-label">{POSITION_LABELS[choice]}</span>
              <span className="choice-hint">{POSITION_HINTS[choice]}</span>
            </span>
          </label>
        ))}
      </fieldset>
      {position === 'reservation' ? (
        <div className="field">
          <label htmlFor={textId} className="field-label">
            The reservation
          </label>
          <textarea
            id={textId}
            className="input negotiation-textarea"
            rows={4}
            maxLength={RESERVATION_TEXT_LENGTH}
            value={text}
            aria-invalid={textError ? true : undefined}
            aria-describedby={textError ? `${textId}-error` : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setTextError(undefined);
            }}
          />
          {textError ? (
            <p className="field-error" id={`${textId}-error`}>
              {textError}
            </p>
          ) : null}
        </div>
      ) : null}
      <ErrorMessage error={error} />
      <div className="dialog-actions">
        {current ? (
          <button
            type="button"
            className="button button-secondary negotiation-withdraw"
            disabled={busy !== null}
            onClick={() => void run('withdraw', onWithdraw)}
          >
            {busy === 'withdraw' ? 'Withdrawing…' : 'Withdraw position'}
          </button>
        ) : null}
        <button type="button" className="button button-secondary" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={busy !== null}>
          {busy === 'save' ? 'Saving…' : 'Save position'}
        </button>
      </div>
    </form>
  );
}
