import { useId } from 'react';
import { CLAUSE_STATUS_LABELS } from '../../shared/negotiation/clauseStatus.js';
import { Dialog } from '../common/components/Dialog.js';
import { ClauseStatusBadge } from './ClauseStatusBadge.js';
import { useNegotiation } from './NegotiationContext.js';
import { SetStatusForm } from './SetStatusForm.js';
import { StatusHistory } from './StatusHistory.js';

export interface ClauseStatusDialogProps {
  clauseId: string;
  /** "OP2" */
  name: string;
  /** Show the form to set a new status (the secretariat); otherwise the history only. */
  canSet: boolean;
  onClose: () => void;
  /** Called after a status was recorded, with words to announce ("OP2 is now Agreed."). */
  onChanged: (announcement: string) => void;
}

/** A clause's status: its history (who, when, note) for everyone, and for the secretariat the form to change it. Mounted only while open. */
export function ClauseStatusDialog({ clauseId, name, canSet, onClose, onChanged }: ClauseStatusDialogProps) {
  const negotiation = useNegotiation();
  const historyId = useId();
  if (!negotiation) return null;
  const current = negotiation.statusOf(clauseId);
  return (
    <Dialog open title={canSet ? `Set the status of ${name}` : `Status of ${name}`} onClose={onClose}>
      <div className="stack">
        <p className="status-now">
          Now: <ClauseStatusBadge status={current} />
        </p>
        {canSet ? (
          <SetStatusForm
            name={name}
            current={current}
            onCancel={onClose}
            onSubmit={async (status, note, confirm) => {
              const entry = await negotiation.actions.setStatus(clauseId, { status, note, ...(confirm ? { confirm } : {}) });
              onClose();
              onChanged(`${name} is now ${CLAUSE_STATUS_LABELS[entry.status].toLowerCase()}.`);
            }}
          />
        ) : null}
        <section className="status-history-section">
          <h3 id={historyId} className="status-history-title">
            History
          </h3>
          <StatusHistory entries={negotiation.historyOf(clauseId)} headingId={historyId} />
        </section>
        {canSet ? null : (
          <div className="dialog-actions">
            <button type="button" className="button button-secondary" onClick={onClose} autoFocus>
              Close
            </button>
          </div>
        )}
      </div>
    </Dialog>
  );
}
