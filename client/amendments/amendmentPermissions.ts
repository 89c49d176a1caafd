import type { MeResponse } from '../../shared/api/session.js';

/** Whether this member decides proposals (accepts or rejects them) and sets the draft's editing mode: the secretariat. */
export function mayDecide(me: MeResponse | null): boolean {
  return me?.role === 'secretariat';
}

/** Whether this member may withdraw a proposal: a delegate of the delegation that made it. */
export function mayWithdraw(me: MeResponse | null, proposal: { delegationId: string }): boolean {
  return me?.role === 'delegate' && me.delegation !== null && me.delegation.id === proposal.delegationId;
}
