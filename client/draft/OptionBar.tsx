import { useState } from 'react';
import type { OptionPlace } from '../../shared/doc/numberClauses.js';
import { ConfirmDialog } from '../common/components/ConfirmDialog.js';

export interface OptionBarProps {
  option: OptionPlace;
  /** "PP5alt": names the option in the button and the question. */
  name: string;
  noText: boolean;
  /** Settles the group on this option; null for everyone but the secretariat. */
  onSettle: (() => Promise<void>) | null;
}

/**
 * The head of a clause that has options: "Option 2 of 3", and for the secretariat "Settle on this option",
 * asked about first, because the other options leave the text for everyone.
 */
export function OptionBar({ option, name, noText, onSettle }: OptionBarProps) {
  const [asking, setAsking] = useState(false);
  const others = option.count - 1;
  return (
    <div className="option-bar">
      <span className="option-label">
        Option {option.index} of {option.count}
      </span>
      {onSettle ? (
        <>
          <button type="button" className="option-settle" aria-label={`Settle on this option, ${name}`} onClick={() => setAsking(true)}>
            Settle on this option
          </button>
          <ConfirmDialog
            open={asking}
            title={`Settle on ${name}?`}
            confirmLabel="Settle on this option"
            onConfirm={onSettle}
            onClose={() => setAsking(false)}
          >
            <p>
              {noText
                ? `${name} is “no text”: settling on it takes the clause out of the text, with all its options.`
                : `${name} (Option ${option.index} of ${option.count}) stays in the text; the other ${others === 1 ? 'option leaves' : `${others} options leave`} it.`}{' '}
              Everyone sees the change at once. Comments and history of the options are kept.
            </p>
          </ConfirmDialog>
        </>
      ) : null}
    </div>
  );
}
