import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { COMMENT_LIMITS, CommentText } from '../../shared/api/comments.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';

/** Characters left at which the counter appears. @default 10% of COMMENT_LIMITS.bodyLength */
export const COUNTER_FROM_REMAINING = Math.round(COMMENT_LIMITS.bodyLength / 10);

export interface CommentFormProps {
  /** The text field's accessible name, e.g. "Reply to Amara Okafor". */
  label: string;
  submitLabel: string;
  /** Text to start from (editing). @default '' */
  initial?: string;
  placeholder?: string;
  /** Sends the text; rejecting with an API error shows it and keeps the text. */
  onSubmit: (text: string) => Promise<void>;
  /** Shows a Cancel button (also Escape). */
  onCancel?: () => void;
  /** A new `focusToken` puts focus in the text field. */
  focusToken?: number;
  /** Show the label above the field rather than only to assistive technology. @default false */
  showLabel?: boolean;
}

/**
 * A comment text field with its send button: plain text, checked against the shared limits before it is
 * sent, a counter once the text nears the length limit, Ctrl+Enter to send, and the server's refusal shown
 * as an alert. The text is kept when sending fails and cleared when it succeeds.
 */
export function CommentForm({
  label,
  submitLabel,
  initial = '',
  placeholder,
  onSubmit,
  onCancel,
  focusToken,
  showLabel = false,
}: CommentFormProps) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | string | null>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const form = useRef<HTMLFormElement>(null);
  const fieldId = useId();
  const counterId = useId();
  const errorId = useId();
  const remaining = COMMENT_LIMITS.bodyLength - text.length;

  useEffect(() => {
    if (focusToken !== undefined) field.current?.focus();
  }, [focusToken]);

  async function submit(event?: FormEvent) {
    event?.preventDefault();
    if (busy) return;
    const checked = CommentText.safeParse(text);
    if (!checked.success) {
      setError(checked.error.issues[0]?.message ?? 'This comment cannot be sent.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await onSubmit(checked.data);
      setText('');
      // The send button is about to be disabled (the field is empty): a keyboard user who pressed it would be
      // left on the page's body, where Escape and Tab no longer start from the panel. Back to the field.
      const focused = document.activeElement;
      if (focused === document.body || (focused && form.current?.contains(focused))) field.current?.focus();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      event.stopPropagation();
      onCancel();
    }
  }

  const describedBy = [remaining <= COUNTER_FROM_REMAINING ? counterId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <form ref={form} className="comment-form" onSubmit={(event) => void submit(event)}>
      <label htmlFor={fieldId} className={showLabel ? 'comment-form-label' : 'visually-hidden'}>
        {label}
      </label>
      <textarea
        id={fieldId}
        ref={field}
        className="input comment-input"
        value={text}
        rows={showLabel ? 4 : 2}
        placeholder={placeholder}
        aria-invalid={remaining < 0 || undefined}
        aria-describedby={describedBy || undefined}
        aria-keyshortcuts="Control+Enter"
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
      />
      {remaining <= COUNTER_FROM_REMAINING ? (
        <p id={counterId} className={remaining < 0 ? 'comment-counter comment-counter-over' : 'comment-counter'} aria-live="polite">
          {remaining < 0 ? `${plural(-remaining, 'character')} too many` : `${plural(remaining, 'character')} left`}
        </p>
      ) : null}
      <ErrorMessage error={error} id={errorId} />
      <div className="comment-form-actions">
        {onCancel ? (
          <button type="button" className="button button-secondary button-small" onClick={onCancel}>
            Cancel
          </button>
        ) : null}
        {/* Not disabled while sending: a disabled button loses focus, and a keyboard user would be left on the page's body. */}
        <button
          type="submit"
          className="button button-small"
          aria-disabled={busy || undefined}
          disabled={!busy && (text.trim() === '' || remaining < 0)}
        >
          {busy ? 'Sending…' : submitLabel}
        </button>
      </div>
    </form>
  );
}

function plural(count: number, word: string): string {
  return `${count} ${word}${count === 1 ? '' : 's'}`;
}
