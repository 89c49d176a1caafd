import type { AuditEntryView, ClauseStatusEntry, NegotiationAction, PositionView } from '../../shared/api/negotiation.js';
import { NEGOTIATION_ACTIONS } from '../../shared/api/negotiation.js';
import { DEFAULT_CLAUSE_STATUS, type ClauseStatus } from '../../shared/negotiation/clauseStatus.js';
import type { AuditRecord, ClauseStatusRecord, Metadata, PositionRecord, VersionRecord } from '../storage/MetadataSchema.js';

/**
 * How the negotiation records (MetadataSchema: clauseStatuses, positions, audit) read as API views, and the
 * look-ups NegotiationService and versions share.
 */

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

export function toPositionView(data: Readonly<Metadata>, record: PositionRecord): PositionView {
  const name = data.delegations.find((d) => d.id === record.delegationId)?.name ?? '';
  return {
    draftId: record.draftId,
    clauseId: record.clauseId,
    delegation: { id: record.delegationId, name },
    position: record.position,
    text: record.text,
    by: { id: record.byId, name: record.byName },
    at: record.at,
  };
}

/** A negotiation audit record as the secretariat reads it; null for any other kind of audit record. */
export function toAuditEntryView(data: Readonly<Metadata>, record: AuditRecord): AuditEntryView | null {
  if (!isNegotiationAction(record.action)) return null;
  const actorName = record.actorName ?? data.users.find((u) => u.id === record.actorId)?.name ?? '';
  return {
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

/** The clause's last status record at or before `at` (ISO), or null while it has none. */
export function currentStatusRecord(data: Readonly<Metadata>, draftId: string, clauseId: string, at?: string): ClauseStatusRecord | null {
  let current: ClauseStatusRecord | null = null;
  for (const record of data.clauseStatuses) {
    if (record.draftId === draftId && record.clauseId === clauseId && (at === undefined || record.at <= at)) current = record;
  }
  return current;
}

export function currentStatus(data: Readonly<Metadata>, draftId: string, clauseId: string): ClauseStatus {
  return currentStatusRecord(data, draftId, clauseId)?.status ?? DEFAULT_CLAUSE_STATUS;
}

/**
 * The draft's latest revision published at or before `at` (ISO; @default any time): the one whose numbers
 * later texts keep. Null before the first publication.
 */
export function latestRevision(data: Readonly<Metadata>, draftId: string, at?: string): VersionRecord | null {
  let latest: VersionRecord | null = null;
  for (const record of data.versions) {
    if (record.draftId !== draftId || record.revision === null || record.publishedAt === null) continue;
    if (at !== undefined && record.publishedAt > at) continue;
    if (!latest || record.revision > latest.revision!) latest = record;
  }
  return latest;
}

/** The name of a member's delegation, as audit records and versions keep it; null without one. */
export function delegationNameOf(data: Readonly<Metadata>, delegationId: string | null): string | null {
  return delegationId === null ? null : (data.delegations.find((d) => d.id === delegationId)?.name ?? null);
}
