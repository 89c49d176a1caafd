import type { MeResponse } from '../../shared/api/session.js';

/*
 * What the page offers each person. The server decides (and refuses with FORBIDDEN); these only hide
 * controls that would be refused: the secretariat sets clause status; a delegate records positions for
 * their own delegation only; reviewers read.
 */

/** True when `me` may set clause statuses (the secretariat). */
export function maySetStatus(me: MeResponse | null): boolean {
  return me?.role === 'secretariat';
}

/** The delegation `me` may record positions for, or null (the secretariat, reviewers, a delegate without one). */
export function positionDelegation(me: MeResponse | null): { id: string; name: string } | null {
  return me?.role === 'delegate' ? (me.delegation ?? null) : null;
}

/**
 * The delegation whose brackets `me` adds (toolbar "Bracket", or "[" … "]" typed), or null: only delegates
 * bracket text; the secretariat has no delegation and reviewers cannot edit.
 */
export function bracketDelegation(me: MeResponse | null): { id: string; name: string } | null {
  return me?.role === 'delegate' ? (me.delegation ?? null) : null;
}

/** True when `me` may read the negotiation audit log (the secretariat). */
export function mayReadAudit(me: MeResponse | null): boolean {
  return me?.role === 'secretariat';
}
