import { useState, type FormEvent } from 'react';
import { VERSION_LIMITS } from '../../shared/api/versions.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { Dialog } from '../common/components/Dialog.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { TextField } from '../common/components/TextField.js';

export interface VersionLabelDialogProps {
  open: boolean;
  title: string;
  /** What the dialog is for, shown above the field. */
  intro: string;
  submitLabel: string;
  /** The label the field starts with. @default '' */
  initialLabel?: string;
  /** Saves the label; the dialog closes when it resolves and shows the error when it rejects. */
  onSubmit: (label: string) => Promise<void>;
  onClose: () => void;
}

/** Asks for a version's label: saving a new version, or renaming one. */
export function VersionLabelDialog({ open, title, onClose, ...form }: VersionLabelDialogProps) {
  return (
    <Dialog open={open} title={title} onClose={onClose}>
      <LabelForm onClose={onClose} {...form} />
    </Dialog>
  );
}

function LabelForm({ intro, submitLabel, initialLabel = '', onSubmit, onClose }: Omit<VersionLabelDialogProps, 'open' | 'title'>) {
  const [label, setLabel] = useState(initialLabel);
  const [labelError, setLabelError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!label.trim()) return setLabelError('Enter a label for the version.');
    setBusy(true);
    setFailure(null);
    try {
      await onSubmit(label.trim());
      onClose();
    } catch (reason) {
      const error = toApiError(reason);
      const fieldMessage = error.fieldErrors().label;
      if (fieldMessage) setLabelError(fieldMessage);
      else setFailure(error);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="stack">
      <p className="dialog-intro">{intro}</p>
      <ErrorMessage error={failure} />
      <TextField
        label="Label"
        hint="For example “Before the second reading”."
        value={label}
        maxLength={VERSION_LIMITS.labelLength}
        onChange={(event) => {
          setLabel(event.target.value);
          setLabelError(undefined);
        }}
        error={labelError}
        autoFocus
      />
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : submitLabel}
        </button>
      </div>
    </form>
  );
}
