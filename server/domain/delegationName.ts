import type { DelegationRepository } from './repositories.js';

/** The name of a delegation as records keep it (authors, audit entries); null for none or an id that names none. */
export async function delegationNameOf(delegations: DelegationRepository, delegationId: string | null): Promise<string | null> {
  return delegationId === null ? null : ((await delegations.get(delegationId))?.name ?? null);
}
