import { audit } from '../audit.js';
import type { Clock } from '../Clock.js';
import type { MetadataRepositories } from '../repositories.js';

/** Options a member added with one document update (the negotiation room extension reports these). */
export interface AddedOptions {
  draftId: string;
  /** Who sent the update, as the sync server knew them (delegation: its name, or null). */
  actor: { id: string; name: string; delegation: string | null };
  /** Each new option and its place in its group, as the text read right after the update. */
  options: ReadonlyArray<{ clauseId: string; noText: boolean; index: number; count: number }>;
}

/**
 * Records options added to clauses in the audit log (`option.added`, one entry per new option, on the new
 * option's clause), e.g. `Added Option 2 of 2` or `Added “No text” as Option 3 of 3`. Options are document
 * edits, so this runs beside the sync path; the caller logs a rejection (the document change stands either way).
 */
export async function auditAddedOptions(deps: { metadata: MetadataRepositories; clock: Clock }, change: AddedOptions): Promise<void> {
  if (change.options.length === 0) return;
  const at = deps.clock();
  await deps.metadata.transaction(async (tx) => {
    for (const option of change.options) {
      const place = `Option ${option.index} of ${option.count}`;
      await audit(tx.audit, at, change.actor.id, 'option.added', option.clauseId, {
        draftId: change.draftId,
        clauseId: option.clauseId,
        detail: option.noText ? `Added “No text” as ${place}` : `Added ${place}`,
        actorName: change.actor.name,
        delegation: change.actor.delegation,
      });
    }
  });
}
