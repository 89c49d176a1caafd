import { SECURITY_ACTIONS, type SecurityAction, type SecurityEntryView, type SecurityLogQuery } from '../../shared/api/session.js';
import type { AuditRepository, Repositories } from './repositories.js';

/**
 * The security log is the workspace's audit log read through the security actions (SECURITY_ACTIONS):
 * one append-only, numbered log, so a security event recorded inside a transaction lands in the same
 * durable write as the change it records, and every store that keeps the audit log keeps these.
 */
export interface SecurityEvent {
  at: Date;
  /** Who did it; null when nobody is known (a failed sign-in for an unknown email). */
  actorId: string | null;
  action: SecurityAction;
  /** What it concerns: a member id, a draft id, or for a failed sign-in the email typed. */
  target: string;
  /** The request's address (req.ip), for events that come with one. */
  address?: string;
  detail?: string;
  /** The draft it concerns (participants changes), so the draft's own log finds it too. */
  draftId?: string;
}

/** Appends a security event to the log; pass `tx.audit` inside a transaction. */
export async function recordSecurityEvent(log: AuditRepository, event: SecurityEvent): Promise<void> {
  const { at, ...rest } = event;
  await log.append({ at: at.toISOString(), ...rest });
}

const isSecurityAction = (action: string): action is SecurityAction => (SECURITY_ACTIONS as readonly string[]).includes(action);

/** One page of the security log, newest first, with the actors' names as they are now (or as the entry kept them). */
export async function readSecurityLog(repositories: Repositories, query: SecurityLogQuery): Promise<SecurityEntryView[]> {
  const entries = await repositories.audit.page({
    before: query.before,
    limit: query.limit,
    actions: query.action ? [query.action] : SECURITY_ACTIONS,
  });
  const names = new Map<string, string>();
  const views: SecurityEntryView[] = [];
  for (const entry of entries) {
    if (!isSecurityAction(entry.action)) continue;
    let actor: SecurityEntryView['actor'] = null;
    if (entry.actorId !== null) {
      if (!names.has(entry.actorId))
        names.set(entry.actorId, entry.actorName ?? (await repositories.members.get(entry.actorId))?.name ?? '');
      actor = { id: entry.actorId, name: names.get(entry.actorId)! };
    }
    views.push({
      id: entry.seq,
      at: entry.at,
      action: entry.action,
      actor,
      target: entry.target,
      address: entry.address ?? null,
      detail: entry.detail ?? '',
    });
  }
  return views;
}
