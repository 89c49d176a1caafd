import type { NegotiationAction } from '../../shared/api/negotiation.js';

/** The audit log's words for each kind of entry. */
export const AUDIT_ACTION_LABELS: Record<NegotiationAction, string> = {
  'clause.status': 'Status set',
  'clause.position': 'Position recorded',
  'clause.position.withdrawn': 'Position withdrawn',
  'clause.settle': 'Options settled',
  'bracket.added': 'Brackets added',
  'bracket.lifted': 'Brackets lifted',
  'option.added': 'Option added',
  'amendment.proposed': 'Amendment proposed',
  'amendment.accepted': 'Amendment accepted',
  'amendment.rejected': 'Amendment rejected',
  'amendment.withdrawn': 'Amendment withdrawn',
};
