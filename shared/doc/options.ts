import type * as Y from 'yjs';
import { addClause } from './addClause.js';
import { numberClauses } from './numberClauses.js';
import { removeFromOrder } from './moveClause.js';
import { readOrderedClauses } from './readOrderedClauses.js';
import { CLAUSE_FIELD } from './schema.js';

/**
 * Options: alternative wordings of one clause, side by side. The clause itself is Option 1; each alternative
 * is a clause of its own (with comments, positions and history of its own) whose `alternativeTo` names it.
 */

/** The ids of a group's options in option order (Option 1 first), or null when `id` is in no group in the text. */
export function optionGroupOf(doc: Y.Doc, id: string): string[] | null {
  const numbered = numberClauses(readOrderedClauses(doc));
  const own = numbered.find((c) => c.id === id);
  if (!own?.option) return null;
  const root = own.option.root;
  return numbered
    .filter((c) => c.option?.root === root)
    .sort((a, b) => a.option!.index - b.option!.index)
    .map((c) => c.id);
}

/**
 * Adds an option to the clause `of` (or to the group it belongs to), right after the group's last option
 * in reading order, of the same kind. Returns the new clause id, or null when `of` is not in the text.
 */
export function addOption(doc: Y.Doc, of: string, options: { noText?: boolean; heading?: string } = {}): string | null {
  const clauses = readOrderedClauses(doc);
  const target = clauses.find((c) => c.id === of);
  if (!target) return null;
  const group = optionGroupOf(doc, of);
  const root = group?.[0] ?? of;
  const rootClause = clauses.find((c) => c.id === root) ?? target;
  const members = new Set(group ?? [root]);
  const last = [...clauses].reverse().find((c) => members.has(c.id)) ?? rootClause;
  return addClause(doc, {
    kind: rootClause.kind === 'section' ? 'operative' : rootClause.kind,
    after: last.id,
    heading: options.heading ?? '',
    paragraphs: options.noText ? [] : [''],
    alternativeTo: root,
    noText: options.noText === true,
  });
}

/**
 * Settles a group on one option: every other option leaves the reading order (the clauses stay, as deleted
 * clauses do). A kept alternative stops being one and takes over the first option's number (`succeeds`);
 * settling on a "no text" option removes the whole clause. In one transaction. Returns false, changing
 * nothing, when `chosen` is not an option of a group in the text.
 */
export function settleOption(doc: Y.Doc, chosen: string): boolean {
  const group = optionGroupOf(doc, chosen);
  if (!group) return false;
  const root = group[0]!;
  const keep = readOrderedClauses(doc).find((c) => c.id === chosen)!;
  doc.transact(() => {
    for (const id of group) if (id !== chosen || keep.noText) removeFromOrder(doc, id);
    if (!keep.noText && chosen !== root) {
      keep.map.delete(CLAUSE_FIELD.alternativeTo);
      keep.map.set(CLAUSE_FIELD.succeeds, root);
    }
  });
  return true;
}
