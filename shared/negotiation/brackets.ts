import * as Y from 'yjs';
import { BRACKET_MARK, type BracketAttrs } from '../doc/schema.js';

/**
 * The delegation id of a bracket formatting attribute as y-prosemirror stores it (`{ delegation }`), or null
 * when the value is not a bracket (removed: null; or malformed). Attribute keys may carry y-prosemirror's
 * `--<hash>` suffix for overlapping marks; `isBracketKey` accepts both.
 */
export function bracketDelegation(value: unknown): string | null {
  if (value === null || typeof value !== 'object') return null;
  const delegation = (value as Partial<BracketAttrs>).delegation;
  return typeof delegation === 'string' && delegation.length > 0 ? delegation : null;
}

export function isBracketKey(key: string): boolean {
  return key === BRACKET_MARK || key.startsWith(`${BRACKET_MARK}--`);
}

/** One bracketed passage: a maximal run of text bracketed by the same delegation, inside one paragraph. */
export interface BracketRun {
  delegation: string;
  text: string;
}

/** The bracketed passages of a clause body (or any fragment), in reading order. */
export function readBracketRuns(fragment: Y.XmlFragment): BracketRun[] {
  const runs: BracketRun[] = [];
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) collect(child, runs);
      else if (child instanceof Y.XmlElement) visit(child);
    }
  };
  visit(fragment);
  return runs;
}

function collect(text: Y.XmlText, runs: BracketRun[]): void {
  let open: BracketRun | null = null;
  for (const op of text.toDelta() as Array<{ insert?: unknown; attributes?: Record<string, unknown> }>) {
    if (typeof op.insert !== 'string') {
      open = null;
      continue;
    }
    let delegation: string | null = null;
    for (const [key, value] of Object.entries(op.attributes ?? {})) {
      if (isBracketKey(key)) delegation = bracketDelegation(value) ?? delegation;
    }
    if (delegation === null) {
      open = null;
    } else if (open && open.delegation === delegation) {
      open.text += op.insert;
    } else {
      open = { delegation, text: op.insert };
      runs.push(open);
    }
  }
}
