import type { AuditRecord } from './records.js';
import type { AuditRepository } from './repositories.js';

/** What a negotiation entry adds to an audit record (the secretariat reads these per draft). */
export type AuditDetail = Pick<AuditRecord, 'draftId' | 'clauseId' | 'detail' | 'actorName' | 'delegation' | 'address'>;

/** Appends an audit entry; inside a transaction it lands in the same durable write as the change it records. */
export async function audit(
  log: AuditRepository,
  at: Date,
  actorId: string | null,
  action: string,
  target: string,
  detail: AuditDetail = {},
): Promise<void> {
  const defined = Object.fromEntries(Object.entries(detail).filter(([, value]) => value !== undefined));
  await log.append({ at: at.toISOString(), actorId, action, target, ...defined });
}
