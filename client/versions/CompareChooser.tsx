import { useState, type FormEvent } from 'react';
import { LIVE, type VersionView } from '../../shared/api/versions.js';
import { SelectField } from '../common/components/SelectField.js';
import { versionChoiceLabel } from './versionName.js';

export interface CompareChooserProps {
  versions: readonly VersionView[];
  from: string;
  to: string;
  onCompare: (from: string, to: string) => void;
}

/** The two sides of a comparison: any version, or the live draft, on either side; Swap turns the redline round. */
export function CompareChooser({ versions, from, to, onCompare }: CompareChooserProps) {
  const [chosen, setChosen] = useState({ from, to });
  const [synced, setSynced] = useState({ from, to });
  // The address changed (back button, a link): follow it.
  if (synced.from !== from || synced.to !== to) {
    setSynced({ from, to });
    setChosen({ from, to });
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    onCompare(chosen.from, chosen.to);
  }

  const options = (
    <>
      <option value={LIVE}>Live draft</option>
      {versions.map((v) => (
        <option key={v.id} value={v.id}>
          {versionChoiceLabel(v)}
        </option>
      ))}
    </>
  );
  return (
    <form className="compare-chooser" onSubmit={submit} aria-label="Choose what to compare">
      <SelectField label="From (older)" value={chosen.from} onChange={(event) => setChosen({ ...chosen, from: event.target.value })}>
        {options}
      </SelectField>
      <SelectField label="To (newer)" value={chosen.to} onChange={(event) => setChosen({ ...chosen, to: event.target.value })}>
        {options}
      </SelectField>
      <div className="compare-chooser-buttons">
        <button type="button" className="button button-secondary" onClick={() => onCompare(chosen.to, chosen.from)}>
          Swap
        </button>
        <button type="submit" className="button">
          Compare
        </button>
      </div>
    </form>
  );
}
