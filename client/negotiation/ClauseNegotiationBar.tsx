import { useState } from 'react';
import { CLAUSE_STATUS_LABELS } from '../../shared/negotiation/clauseStatus.js';
import { POSITION_LABELS } from '../../shared/negotiation/positions.js';
import { useDraftArchived } from '../common/draft/draftArchived.js';
import { ClauseStatusBadge } from './ClauseStatusBadge.js';
import { ClauseStatusDialog } from './ClauseStatusDialog.js';
import { useNegotiation } from './NegotiationContext.js';
import { maySetStatus, positionDelegation } from './negotiationPermissions.js';
import { PositionDialog } from './PositionDialog.js';

export interface ClauseNegotiationBarProps {
  clauseId: string;
  /** "OP2" */
  name: string;
}

/**
 * The negotiation line of a clause card: its status (a badge that opens the status history), for the
 * secretariat "Set status…", for a delegate "Our position…" with their delegation's current position.
 * Nothing at all for an open clause with no history when the person can change neither. On an archived
 * draft nobody changes either: the status and its history stay readable.
 */
export function ClauseNegotiationBar({ clauseId, name }: ClauseNegotiationBarProps) {
  const negotiation = useNegotiation();
  const [dialog, setDialog] = useState<'status' | 'position' | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const archived = useDraftArchived();
  if (!negotiation?.state) return null;
  const { me } = negotiation;
  const status = negotiation.statusOf(clauseId);
  const hasHistory = status !== 'open' || negotiation.historyOf(clauseId).length > 0;
  const canSet = maySetStatus(me) && !archived;
  const delegation = archived ? null : positionDelegation(me);
  const own = delegation ? negotiation.positionsOf(clauseId).find((p) => p.delegation.id === delegation.id) : undefined;
  if (!hasHistory && !canSet && !delegation) return null;

  return (
    <div className="clause-negotiation" role="group" aria-label={`Negotiation of ${name}`}>
      {hasHistory ? (
        <button
          type="button"
          className="status-badge-button"
          aria-label={`Status of ${name}: ${CLAUSE_STATUS_LABELS[status]}. Show the history`}
          aria-haspopup="dialog"
          onClick={() => setDialog('status')}
        >
          <ClauseStatusBadge status={status} />
        </button>
      ) : null}
      {canSet ? (
        <button
          type="button"
          className="negotiation-action"
          aria-label={`Set status of ${name}…`}
          aria-haspopup="dialog"
          onClick={() => setDialog('status')}
        >
          Set status…
        </button>
      ) : null}
      {delegation ? (
        <button
          type="button"
          className={own ? `negotiation-action position-chip position-${own.position}` : 'negotiation-action'}
          aria-label={own ? `Our position on ${name}: ${POSITION_LABELS[own.position]}. Change it` : `Our position on ${name}…`}
          aria-haspopup="dialog"
          title={own?.text ?? undefined}
          onClick={() => setDialog('position')}
        >
          {own ? `Our position: ${POSITION_LABELS[own.position]}` : 'Our position…'}
        </button>
      ) : null}
      <span className="visually-hidden" role="status">
        {announcement}
      </span>
      {dialog === 'status' ? (
        <ClauseStatusDialog clauseId={clauseId} name={name} canSet={canSet} onClose={() => setDialog(null)} onChanged={setAnnouncement} />
      ) : null}
      {dialog === 'position' && delegation ? (
        <PositionDialog
          clauseId={clauseId}
          name={name}
          delegation={delegation}
          onClose={() => setDialog(null)}
          onChanged={setAnnouncement}
        />
      ) : null}
    </div>
  );
}
