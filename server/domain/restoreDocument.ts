import * as Y from 'yjs';
import { readClause, type ClauseView } from '../../shared/doc/readClause.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { CLAUSE_FIELD, getClauses, getOrder } from '../../shared/doc/schema.js';

/**
 * Makes the live document read like a saved version, as ordinary edits (call it inside one transaction on
 * the live document, e.g. DraftDocuments.change): `order` becomes the version's order, so clauses deleted
 * since come back and clauses added since leave the text (they stay in `clauses`, like any deleted clause,
 * with their comments); a clause missing from `clauses` altogether is recreated from the version; kinds,
 * headings and body paragraphs that differ are replaced by copies of the version's (formatting included), and
 * option fields (alternativeTo, noText, addedAt, succeeds) are set as the version has them.
 *
 * Edits are kept small — only the differing stretch of a heading, of the body's paragraphs and of `order`
 * is rewritten — so untouched paragraphs keep their identity and the comment anchors in them.
 */
export function restoreDocument(live: Y.Doc, version: Y.Doc): void {
  const clauses = readOrderedClauses(version);
  for (const clause of clauses) restoreClause(live, clause);
  replaceRange(
    getOrder(live),
    getOrder(live).toArray(),
    clauses.map((c) => c.id),
    (id) => id,
  );
}

function restoreClause(live: Y.Doc, source: ClauseView): void {
  const existing = readClause(live, source.id);
  if (!existing) {
    const map = getClauses(live).set(source.id, new Y.Map<unknown>());
    map.set(CLAUSE_FIELD.kind, source.kind);
    map.set(CLAUSE_FIELD.heading, new Y.Text(source.heading.toString()));
    const body = map.set(CLAUSE_FIELD.body, new Y.XmlFragment());
    body.insert(0, source.body.toArray().map(cloneNode));
    restoreOptionFields(map, source);
    return;
  }
  if (existing.kind !== source.kind) existing.map.set(CLAUSE_FIELD.kind, source.kind);
  replaceText(existing.heading, source.heading.toString());
  const target = source.body.toArray();
  replaceRange(existing.body, existing.body.toArray().map(signature), target.map(signature), (_, index) => cloneNode(target[index]!));
  restoreOptionFields(existing.map, source);
}

/**
 * Gives a clause the version's option and numbering fields (alternativeTo, noText, addedAt, succeeds), as
 * the version read them: a settled group comes back as options, a clause keeps its place among OP3bis/OP3ter.
 * A field the version did not have (or held malformed) is removed; one already equal is left alone.
 */
function restoreOptionFields(map: Y.Map<unknown>, source: ClauseView): void {
  const wanted: Array<[string, unknown]> = [
    [CLAUSE_FIELD.alternativeTo, source.alternativeTo ?? undefined],
    [CLAUSE_FIELD.noText, source.noText ? true : undefined],
    [CLAUSE_FIELD.addedAt, source.addedAt ?? undefined],
    [CLAUSE_FIELD.succeeds, source.succeeds ?? undefined],
  ];
  for (const [field, value] of wanted) {
    if (map.get(field) === value) continue;
    if (value === undefined) map.delete(field);
    else map.set(field, value);
  }
}

/** Rewrites only the differing middle of a plain Y.Text. */
function replaceText(text: Y.Text, target: string): void {
  const current = text.toString();
  if (current === target) return;
  const { start, endCurrent, endTarget } = differingRange([...current], [...target]);
  const prefix = [...current].slice(0, start).join('').length;
  const removed = [...current].slice(start, endCurrent).join('').length;
  if (removed > 0) text.delete(prefix, removed);
  const inserted = [...target].slice(start, endTarget).join('');
  if (inserted) text.insert(prefix, inserted);
}

interface Sequence<T> {
  delete(index: number, length: number): void;
  insert(index: number, content: T[]): void;
}

/**
 * Makes a Yjs sequence whose items compare as `current` read as `target`, rewriting only the stretch
 * between their common beginning and common end; `make` builds the new item for target[index].
 */
function replaceRange<K, T>(sequence: Sequence<T>, current: readonly K[], target: readonly K[], make: (key: K, index: number) => T): void {
  const { start, endCurrent, endTarget } = differingRange(current, target);
  if (endCurrent > start) sequence.delete(start, endCurrent - start);
  if (endTarget > start)
    sequence.insert(
      start,
      target.slice(start, endTarget).map((key, k) => make(key, start + k)),
    );
}

function differingRange<K>(current: readonly K[], target: readonly K[]): { start: number; endCurrent: number; endTarget: number } {
  let start = 0;
  while (start < current.length && start < target.length && current[start] === target[start]) start += 1;
  let endCurrent = current.length;
  let endTarget = target.length;
  while (endCurrent > start && endTarget > start && current[endCurrent - 1] === target[endTarget - 1]) {
    endCurrent -= 1;
    endTarget -= 1;
  }
  return { start, endCurrent, endTarget };
}

/** A fresh, unattached copy of a body node with its attributes, children and text formatting (Yjs's own clone). */
function cloneNode(node: Y.XmlElement | Y.XmlText | Y.XmlHook): Y.XmlElement | Y.XmlText {
  // Hooks are Y.Map-based embeds nothing in this app writes; the fragment's insert is typed without them.
  return node.clone() as Y.XmlElement | Y.XmlText;
}

/** Equal strings for body nodes with equal content: name, attributes (sorted), text with its formatting, children. */
function signature(node: Y.XmlElement | Y.XmlText | Y.XmlHook): string {
  return JSON.stringify(describe(node));
}

function describe(node: unknown): unknown {
  if (node instanceof Y.XmlText) return ['text', node.toDelta()];
  if (node instanceof Y.XmlElement) {
    const attributes = node.getAttributes() as Record<string, unknown>;
    const sorted = Object.keys(attributes)
      .sort()
      .map((key) => [key, attributes[key]]);
    return ['element', node.nodeName, sorted, node.toArray().map(describe)];
  }
  return ['other', String(node)];
}
