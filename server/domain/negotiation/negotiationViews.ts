import type { AuditEntryView, ClauseStatusEntry, NegotiationAction, PositionView } from '../../../shared/api/negotiation.js';
import { NEGOTIATION_ACTIONS } from '../../../shared/api/negotiation.js';
import type { AuditEntry, ClauseStatusRecord, PositionRecord } from '../records.js';

/** How the negotiation records (clause statuses, positions, audit entries) read as API views. */

export function toStatusEntry(record: ClauseStatusRecord): ClauseStatusEntry {
  return {
    id: record.id,
    draftId: record.draftId,
    clauseId: record.clauseId,
    status: record.status,
    note: record.note,
    by: { id: record.byId, name: record.byName },
    at: record.at,
  };
}

/** `delegationName`: the name of the position's delegation now. */
export function toPositionView(record: PositionRecord, delegationName: string): PositionView {
  return {
    draftId: record.draftId,
    clauseId: record.clauseId,
    delegation: { id: record.delegationId, name: delegationName },
    position: record.position,
    text: record.text,
    by: { id: record.byId, name: record.byName },
    at: record.at,
  };
}

/**
 * A negotiation audit entry as the secretariat reads it; null for any other kind of audit entry.
 * `actorName`: the name the entry keeps, or the member's name now for an entry that keeps none.
 */
export function toAuditEntryView(record: AuditEntry, actorName: string): AuditEntryView | null {
  if (!isNegotiationAction(record.action)) return null;
  return {
    id: record.seq,
    at: record.at,
    actor: record.actorId === null ? null : { id: record.actorId, name: actorName },
    delegation: record.delegation ?? null,
    action: record.action,
    clauseId: record.clauseId ?? null,
    detail: record.detail ?? '',
  };
}

function isNegotiationAction(action: string): action is NegotiationAction {
  return (NEGOTIATION_ACTIONS as readonly string[]).includes(action);
}
