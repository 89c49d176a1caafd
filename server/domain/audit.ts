import type { AuditRecord, Metadata } from '../storage/MetadataSchema.js';

/** What a negotiation entry adds to an audit record (the secretariat reads these per draft). */
export type AuditDetail = Pick<AuditRecord, 'draftId' | 'clauseId' | 'detail' | 'actorName' | 'delegation'>;

/** Appends an audit entry inside a metadata update, so the entry lands in the same durable write. */
export function audit(data: Metadata, at: Date, actorId: string | null, action: string, target: string, detail: AuditDetail = {}): void {
  data.audit.push({ at: at.toISOString(), actorId, action, target, ...detail });
}
