import { useState, type FormEvent } from 'react';
import type { DraftSummary, DraftTemplate } from '../../shared/api/drafts.js';
import { LIMITS } from '../../shared/limits.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { draftsApi } from '../common/api/draftsApi.js';
import { Dialog } from '../common/components/Dialog.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { TextField } from '../common/components/TextField.js';

export interface NewDraftDialogProps {
  open: boolean;
  onClose: () => void;
  onCreated: (draft: DraftSummary) => void;
}

const TEMPLATE_CHOICES: Array<{ value: DraftTemplate; label: string; hint: string }> = [
  { value: 'starter', label: 'The starter text', hint: 'Begins with the preamble and operative clauses of the starter Code of Conduct.' },
  { value: 'blank', label: 'A blank draft', hint: 'Begins empty; clauses are added in the draft.' },
];

/** The secretariat's form for a new draft: a title and the text it starts from. */
export function NewDraftDialog({ open, onClose, onCreated }: NewDraftDialogProps) {
  return (
    <Dialog open={open} title="New draft" onClose={onClose}>
      <NewDraftForm onClose={onClose} onCreated={onCreated} />
    </Dialog>
  );
}

function NewDraftForm({ onClose, onCreated }: Omit<NewDraftDialogProps, 'open'>) {
  const [title, setTitle] = useState('');
  const [template, setTemplate] = useState<DraftTemplate>('starter');
  const [titleError, setTitleError] = useState<string | undefined>();
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!title.trim()) return setTitleError('Enter a title for the draft.');
    setBusy(true);
    setFailure(null);
    try {
      const draft = await draftsApi.create({ title: title.trim(), template });
      onClose();
      onCreated(draft);
    } catch (reason) {
      const error = toApiError(reason);
      const fieldMessage = error.fieldErrors().title;
      if (fieldMessage) setTitleError(fieldMessage);
      else setFailure(error);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="stack">
      <ErrorMessage error={failure} />
      <TextField
        label="Title"
        value={title}
        maxLength={LIMITS.draftTitleLength}
        onChange={(event) => {
          setTitle(event.target.value);
          setTitleError(undefined);
        }}
        error={titleError}
        autoFocus
      />
      <fieldset className="fieldset">
        <legend className="field-label">Start from</legend>
        {TEMPLATE_CHOICES.map((choice) => (
          <label key={choice.value} className="choice">
            <input
              type="radio"
              name="template"
              value={choice.value}
              checked={template === choice.value}
              onChange={() => setTemplate(choice.value)}
            />
            <span>
              <span className="choice-label">{choice.label}</span>
              <span className="choice-hint">{choice.hint}</span>
            </span>
          </label>
        ))}
      </fieldset>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Creating…' : 'Create draft'}
        </button>
      </div>
    </form>
  );
}
