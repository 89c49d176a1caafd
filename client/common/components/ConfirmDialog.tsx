import { useState, type ReactNode } from 'react';
import { toApiError, type ApiError } from '../api/ApiError.js';
import { Dialog } from './Dialog.js';
import { ErrorMessage } from './ErrorMessage.js';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  /** What will happen, in plain words. */
  children: ReactNode;
  confirmLabel: string;
  /** Runs the action; the dialog closes when it resolves and shows the error when it rejects. */
  onConfirm: () => Promise<void>;
  onClose: () => void;
  /** Style the confirm button as a destructive action. @default false */
  destructive?: boolean;
}

/**
 * Asks before a consequential action. Focus starts on Cancel, so a stray Enter never confirms.
 */
export function ConfirmDialog({ open, title, children, confirmLabel, onConfirm, onClose, destructive = false }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      onClose();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  }

  function close() {
    setError(null);
    onClose();
  }

  return (
    <Dialog open={open} title={title} onClose={close}>
      <div className="dialog-body">{children}</div>
      <ErrorMessage error={error} />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={close} autoFocus>
          Cancel
        </button>
        <button type="button" className={destructive ? 'button button-danger' : 'button'} onClick={() => void confirm()} disabled={busy}>
          {busy ? 'Please wait…' : confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
