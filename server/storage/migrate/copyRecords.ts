import type { AuditEntry } from '../../domain/records.js';
import type { MetadataRepositories } from '../../domain/repositories.js';
import type { WorkspaceRecords } from './workspaceRecords.js';

/** Sessions still valid at `now`: the only ones copied (an expired one is forgotten by the store anyway). */
export function liveSessions(records: WorkspaceRecords, now: Date): WorkspaceRecords['sessions'] {
  return records.sessions.filter((session) => Date.parse(session.expiresAt) > now.getTime());
}

/**
 * Writes every record through the target's repositories, in one transaction (all of it lands, or none),
 * each kind in the order the source keeps it, so lists read back in the same order and the audit log is
 * numbered by the target as it numbers its own entries. Signed-in sessions still valid at `now` come too:
 * members stay signed in across the move.
 */
export async function copyRecords(records: WorkspaceRecords, target: MetadataRepositories, now: Date): Promise<void> {
  await target.transaction(async (tx) => {
    for (const delegation of records.delegations) await tx.delegations.add(delegation);
    for (const user of records.users) await tx.members.add(user);
    for (const invitation of records.invitations) await tx.members.replaceInvitation(invitation);
    for (const session of liveSessions(records, now)) await tx.sessions.add(session, now.toISOString());
    for (const draft of records.drafts) await tx.drafts.add(draft);
    for (const comment of records.comments) await tx.comments.add(comment);
    for (const version of records.versions) await tx.versions.add(version);
    for (const status of records.clauseStatuses) await tx.negotiation.appendStatus(status);
    for (const position of records.positions) await tx.negotiation.putPosition(position);
    for (const entry of records.audit) await tx.audit.append(withoutSeq(entry));
  });
}

function withoutSeq({ seq: _seq, ...record }: AuditEntry): Omit<AuditEntry, 'seq'> {
  return record;
}
