import { createHash } from 'node:crypto';
import { isId } from '../../shared/ids.js';

/** Namespace of the name-based UUIDs (RFC 9562 version 5) this application derives GUIDs from. Never change it. */
export const AKN_GUID_NAMESPACE = '1e5327f5-b994-4fb2-bd9a-d191f4383bb5';

/**
 * An Akoma Ntoso eId for a clause element, after the naming convention's `<element ref>_<number>`
 * (e.g. `para_…`, `recital_…`, `hcontainer_…`), with the clause id in the number's place, so a clause keeps
 * its eId when it is renumbered (the renderer prefixes the eId of an enclosing section, "…__para_…"). Clause ids hold [A-Za-z0-9_-]; `_` becomes `.` since `__` separates levels
 * in an eId. The mapping is one-to-one, so distinct clauses never share an eId.
 */
export function aknEid(elementRef: string, clauseId: string): string {
  return `${elementRef}_${clauseId.replace(/_/g, '.')}`;
}

/** The GUID of a clause: a version 5 UUID of the draft id and clause id, the same in every export of the clause. */
export function aknGuid(draftId: string, clauseId: string): string {
  return uuidV5(`${draftId}/${clauseId}`);
}

function uuidV5(name: string): string {
  const namespace = Buffer.from(AKN_GUID_NAMESPACE.replace(/-/g, ''), 'hex');
  const hash = createHash('sha1').update(namespace).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * The eId of a delegation's TLCOrganization (in <references>), which brackets and positions refer to:
 * `delegation_<id>` after aknEid for a delegation id of the system's shape; any other value (a malformed
 * bracket written by a modified client) gets `delegation_unknown.<hash>`, which no real id can be.
 */
export function aknDelegationEid(delegationId: string): string {
  if (isId(delegationId)) return aknEid('delegation', delegationId);
  return `delegation_unknown.${createHash('sha256').update(delegationId, 'utf8').digest('hex').slice(0, 16)}`;
}
