import { isId } from '../ids.js';
import type { ProposalAttrs } from '../doc/schema.js';

/**
 * A proposal's attributes as stored (an insertion or deletion mark's value, or a clause's proposedBy or
 * deletionProposedBy field), or null when it is not one (removed: null; malformed).
 */
export function proposalAttrs(value: unknown): ProposalAttrs | null {
  if (value === null || typeof value !== 'object') return null;
  const { id, delegation } = value as Partial<ProposalAttrs>;
  return isId(id) && typeof delegation === 'string' && delegation.length > 0 ? { id, delegation } : null;
}
