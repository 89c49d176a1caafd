import { audit } from '../audit.js';
import type { Clock } from '../Clock.js';
import type { MetadataRepositories } from '../repositories.js';

/** Brackets a member added or lifted with one document update (the negotiation room extension reports these). */
export interface BracketEdits {
  draftId: string;
  /** Who sent the update, as the sync server knew them (delegation: its name, or null). */
  actor: { id: string; name: string; delegation: string | null };
  edits: ReadonlyArray<{
    action: 'added' | 'lifted';
    clauseId: string | null;
    /** Whose bracket: the sender's for 'added', the bracket's owner for 'lifted'. */
    delegationId: string;
    text: string;
  }>;
}

/** How much of a bracketed passage an audit entry quotes. */
export const AUDIT_EXCERPT_CHARS = 60;

/**
 * Records bracket changes in the audit log: one entry per clause, action and delegation of the update
 * (bracketing three passages of a clause at once is one entry), e.g. `Bracketed “the parties…” (Norway)`.
 * Typing never gets here: only updates that add or lift brackets do. Resolves once durable; the caller
 * runs it beside the sync path and logs a rejection (the document change stands either way).
 */
export async function auditBracketChanges(deps: { metadata: MetadataRepositories; clock: Clock }, change: BracketEdits): Promise<void> {
  const groups = new Map<string, { action: 'added' | 'lifted'; clauseId: string | null; delegationId: string; texts: string[] }>();
  for (const edit of change.edits) {
    const key = JSON.stringify([edit.action, edit.clauseId, edit.delegationId]);
    const group = groups.get(key) ?? { action: edit.action, clauseId: edit.clauseId, delegationId: edit.delegationId, texts: [] };
    group.texts.push(edit.text);
    groups.set(key, group);
  }
  if (groups.size === 0) return;
  const at = deps.clock();
  await deps.metadata.transaction(async (tx) => {
    for (const group of groups.values()) {
      const owner = (await tx.delegations.get(group.delegationId))?.name ?? 'an unknown delegation';
      await audit(tx.audit, at, change.actor.id, `bracket.${group.action}`, group.clauseId ?? change.draftId, {
        draftId: change.draftId,
        ...(group.clauseId === null ? {} : { clauseId: group.clauseId }),
        detail: describe(group.action, group.texts, owner),
        actorName: change.actor.name,
        delegation: change.actor.delegation,
      });
    }
  });
}

function describe(action: 'added' | 'lifted', texts: string[], owner: string): string {
  const first = texts[0]!;
  const excerpt = `“${first.length > AUDIT_EXCERPT_CHARS ? `${first.slice(0, AUDIT_EXCERPT_CHARS)}…` : first}”`;
  if (action === 'added')
    return texts.length === 1 ? `Bracketed ${excerpt} (${owner})` : `Bracketed ${texts.length} passages, first ${excerpt} (${owner})`;
  return texts.length === 1
    ? `Lifted the bracket on ${excerpt} (${owner})`
    : `Lifted ${texts.length} brackets, first ${excerpt} (${owner})`;
}
