import * as Y from 'yjs';
import { numberClauses } from '../../../shared/doc/numberClauses.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { DOC_ROOT } from '../../../shared/doc/schema.js';
import type { RoomMember } from '../../rooms/RoomClient.js';

/** An option a member's update added: Option `index` of `count` of its group, as the text reads now. */
export interface AddedOption {
  clauseId: string;
  noText: boolean;
  index: number;
  count: number;
}

/** Options a member added with one update, for the audit log. */
export interface OptionsAdded {
  draftId: string;
  actor: RoomMember;
  options: AddedOption[];
}

/**
 * The options (alternatives, "no text" ones included) that the transactions of one applied update created:
 * clauses new in `clauses` that the text now reads as Option 2 or later of a group. Looks only at the
 * `clauses` map's own changes, so typing, which never touches that map, costs nothing. Call it once the
 * transactions are over.
 */
export function findAddedOptions(transactions: readonly Y.Transaction[]): AddedOption[] {
  const created = new Set<string>();
  let doc: Y.Doc | null = null;
  for (const transaction of transactions) {
    // The root type as the document holds it now: until someone asks for it by kind (getClauses), a document
    // loaded from updates holds a placeholder, and that is the object `changed` is keyed by.
    const clauses = transaction.doc.share.get(DOC_ROOT.clauses);
    const keys = clauses ? transaction.changed.get(clauses) : undefined;
    if (!clauses || !keys) continue;
    doc = transaction.doc;
    for (const key of keys) {
      const item = key === null ? undefined : clauses._map.get(key);
      const isClause = item?.content instanceof Y.ContentType && item.content.type instanceof Y.Map;
      if (
        key !== null &&
        item !== undefined &&
        isClause &&
        !item.deleted &&
        item.id.clock >= (transaction.beforeState.get(item.id.client) ?? 0)
      )
        created.add(key);
    }
  }
  if (doc === null || created.size === 0) return [];
  return numberClauses(readOrderedClauses(doc))
    .filter((clause) => created.has(clause.id) && clause.option !== null && clause.option.index > 1)
    .map((clause) => ({ clauseId: clause.id, noText: clause.noText, index: clause.option!.index, count: clause.option!.count }));
}
