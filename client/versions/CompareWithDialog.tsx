import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { LIVE, type VersionView } from '../../shared/api/versions.js';
import { Dialog } from '../common/components/Dialog.js';
import { SelectField } from '../common/components/SelectField.js';
import { versionPaths } from '../common/draft/versionPaths.js';
import { versionChoiceLabel, versionName } from './versionName.js';

export interface CompareWithDialogProps {
  draftId: string;
  /** The version to compare; null while the dialog is closed. */
  version: VersionView | null;
  /** Every version of the draft, newest first. */
  versions: readonly VersionView[];
  onClose: () => void;
}

/**
 * "Compare with…": picks the other side (any other version, or the live draft) and opens the comparison,
 * always older → newer so insertions read as insertions.
 */
export function CompareWithDialog({ draftId, version, versions, onClose }: CompareWithDialogProps) {
  return (
    <Dialog open={version !== null} title={version ? `Compare ${versionName(version)} with…` : 'Compare with…'} onClose={onClose}>
      {version ? <CompareWithForm draftId={draftId} version={version} versions={versions} onClose={onClose} /> : null}
    </Dialog>
  );
}

function CompareWithForm({ draftId, version, versions, onClose }: CompareWithDialogProps & { version: VersionView }) {
  const navigate = useNavigate();
  const others = versions.filter((v) => v.id !== version.id);
  const [other, setOther] = useState<string>(LIVE);

  function submit(event: FormEvent) {
    event.preventDefault();
    const chosen = others.find((v) => v.id === other);
    const olderFirst = chosen === undefined || chosen.createdAt >= version.createdAt;
    onClose();
    void navigate(olderFirst ? versionPaths.compare(draftId, version.id, other) : versionPaths.compare(draftId, other, version.id));
  }

  return (
    <form onSubmit={submit} className="stack">
      <SelectField label="Compare with" value={other} onChange={(event) => setOther(event.target.value)} autoFocus>
        <option value={LIVE}>Live draft (as it is now)</option>
        {others.map((v) => (
          <option key={v.id} value={v.id}>
            {versionChoiceLabel(v)}
          </option>
        ))}
      </SelectField>
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button">
          Compare
        </button>
      </div>
    </form>
  );
}
