import { useState } from 'react';
import type { VersionView } from '../../shared/api/versions.js';
import { VersionLabelDialog } from './VersionLabelDialog.js';
import { versionsApi } from './versionsApi.js';

export interface SaveVersionButtonProps {
  draftId: string;
  /** Called with the saved version once the server has it on disk. */
  onSaved: (version: VersionView) => void;
  /** A filled button rather than a quiet one. @default false */
  primary?: boolean;
}

/** "Save version…" (delegates and the secretariat): asks for a label and saves the live draft as a named version. */
export function SaveVersionButton({ draftId, onSaved, primary = false }: SaveVersionButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className={primary ? 'button button-small' : 'button button-small button-secondary'}
        onClick={() => setOpen(true)}
      >
        Save version…
      </button>
      <VersionLabelDialog
        open={open}
        title="Save a version"
        intro="Saves the draft as it is now, with your name and the time, so it can be read, compared, exported or restored later."
        submitLabel="Save version"
        onClose={() => setOpen(false)}
        onSubmit={async (label) => onSaved(await versionsApi.create(draftId, label))}
      />
    </>
  );
}
