import type { ClauseKind } from './schema.js';

/** Prefix of the display number per kind; sections are headings and get no number. */
export const NUMBER_PREFIX: Record<ClauseKind, string | null> = {
  preambular: 'PP',
  operative: 'OP',
  section: null,
};

/**
 * Suffixes of clauses inserted between two published clauses, in the order they were added: OP3bis, OP3ter ...
 * Past the list a clause is numbered OP3-21, OP3-22 ...
 */
export const INSERTION_SUFFIXES = [
  'bis',
  'ter',
  'quater',
  'quinquies',
  'sexies',
  'septies',
  'octies',
  'novies',
  'decies',
  'undecies',
  'duodecies',
  'terdecies',
  'quaterdecies',
  'quindecies',
  'sexdecies',
  'septdecies',
  'octodecies',
  'novodecies',
  'vicies',
] as const;

/**
 * The numbers of the last published revision: clause id -> display number as published (PP1, OP3, PP5alt ...).
 * Between publications clauses keep these numbers; clauses added since get OP3bis, OP3ter ...
 */
export type NumberingBase = Readonly<Record<string, string>>;

/** What numbering reads of a clause (ClauseView has all of it; tests may give just the kind). */
export interface Numberable {
  kind: ClauseKind;
  id?: string;
  alternativeTo?: string | null;
  addedAt?: number | null;
  succeeds?: string | null;
  /**
   * Clauses out of the text whose published number this one may take over, nearest first (readOrderedClauses
   * fills it in from the document: chains of settled options, a first option that left the text).
   * @default `succeeds`, then `alternativeTo`
   */
  succession?: readonly string[];
}

/** Where a clause stands in a group of options: Option `index` of `count`; `root` is the first option's id. */
export interface OptionPlace {
  root: string;
  index: number;
  count: number;
}

export type Numbered<T> = T & { number: string | null; option: OptionPlace | null };

/**
 * Adds display numbers to clauses given in reading order.
 *
 * Without a base (no revision published yet, or the text of a revision being published) numbering is clean:
 * PP1, PP2 ... and OP1, OP2 ..., each kind counted on its own; sections get null.
 *
 * With a base (the numbers of the last published revision) numbers are stable: a clause keeps its published
 * number wherever it moves, the numbers of deleted clauses stay unused, and a clause added since takes the
 * number of the nearest published clause of its kind before it plus a suffix, in the order clauses were added
 * (`addedAt`): OP3bis, OP3ter ...; one added before the first published clause of its kind counts from 0
 * (OP0bis). A clause settled from an option (`succeeds`) takes over that option's published number, or the
 * number that option had taken over (`succession`).
 *
 * Options: a clause whose `alternativeTo` names another clause in the list (the group's first option) is an
 * alternative; it is not counted and is numbered after its first option: PP5alt, PP5alt2 ... in the order the
 * alternatives were added. An alternative of an alternative belongs to the same group. When the first option
 * has left the text, the remaining options stay a group: the one added first leads it (Option 1, counted,
 * taking over the number of the option that left), the others are its alternatives; a single one left is an
 * ordinary clause with that number.
 */
export function numberClauses<T extends Numberable>(clauses: readonly T[], base: NumberingBase | null = null): Array<Numbered<T>> {
  const roots = optionRoots(clauses);
  const numbers: Array<string | null> = clauses.map(() => null);

  if (base === null) {
    const counts: Record<ClauseKind, number> = { preambular: 0, operative: 0, section: 0 };
    clauses.forEach((clause, i) => {
      const prefix = NUMBER_PREFIX[clause.kind];
      if (prefix === null || roots[i] !== null) return;
      counts[clause.kind] += 1;
      numbers[i] = `${prefix}${counts[clause.kind]}`;
    });
  } else {
    numberAgainstBase(clauses, roots, base, numbers);
  }

  // Alternatives, after their first option.
  const alternatives = new Map<string, number[]>();
  clauses.forEach((_clause, i) => {
    const root = roots[i];
    if (root === null || root === undefined) return;
    const list = alternatives.get(root) ?? [];
    list.push(i);
    alternatives.set(root, list);
  });
  const options: Array<OptionPlace | null> = clauses.map(() => null);
  const indexOfId = new Map<string, number>();
  clauses.forEach((clause, i) => {
    if (clause.id !== undefined && !indexOfId.has(clause.id)) indexOfId.set(clause.id, i);
  });
  for (const [root, list] of alternatives) {
    const rootIndex = indexOfId.get(root)!;
    const sorted = byAddition(clauses, list);
    const count = sorted.length + 1;
    options[rootIndex] = { root, index: 1, count };
    const rootNumber = numbers[rootIndex] ?? null;
    sorted.forEach((i, k) => {
      options[i] = { root, index: k + 2, count };
      numbers[i] = rootNumber === null ? null : `${rootNumber}alt${k === 0 ? '' : k + 1}`;
    });
  }
  return clauses.map((clause, i) => ({ ...clause, number: numbers[i] ?? null, option: options[i] ?? null }));
}

/** The clean numbers of clauses in reading order (what a publication records as the next base). */
export function cleanNumbering(clauses: readonly Numberable[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const clause of numberClauses(clauses)) {
    if (clause.id !== undefined && clause.number !== null) result[clause.id] = clause.number;
  }
  return result;
}

/** The suffix of the k-th clause (0-based) added after the same published clause. */
export function insertionSuffix(k: number): string {
  return INSERTION_SUFFIXES[k] ?? `-${k + 2}`;
}

/**
 * For each clause, the id of its group's first option when it is an alternative, else null. Alternatives of
 * alternatives are followed up to the first option; a cycle means "no group". Options whose first option is
 * not in the list are led by the one of them added first.
 */
function optionRoots(clauses: readonly Numberable[]): Array<string | null> {
  const byId = new Map<string, Numberable>();
  for (const clause of clauses) if (clause.id !== undefined && !byId.has(clause.id)) byId.set(clause.id, clause);
  const roots: Array<string | null> = clauses.map(() => null);
  const orphans = new Map<string, number[]>();
  clauses.forEach((clause, i) => {
    let next = clause.alternativeTo ?? null;
    const seen = new Set<string>(clause.id === undefined ? [] : [clause.id]);
    while (next !== null && !seen.has(next)) {
      seen.add(next);
      const target = byId.get(next);
      if (!target) {
        orphans.set(next, [...(orphans.get(next) ?? []), i]);
        return;
      }
      if (!target.alternativeTo) {
        roots[i] = next;
        return;
      }
      next = target.alternativeTo;
    }
  });
  for (const members of orphans.values()) {
    const [lead, ...others] = byAddition(clauses, members);
    const leadId = clauses[lead!]!.id;
    if (leadId === undefined) continue;
    for (const i of others) roots[i] = leadId;
  }
  return roots;
}

/** The ids whose published number a clause may take over, nearest first. */
function successionOf(clause: Numberable): readonly string[] {
  if (clause.succession) return clause.succession;
  return [clause.succeeds, clause.alternativeTo].filter((id): id is string => typeof id === 'string');
}

const CLEAN_NUMBER = /^(PP|OP)(\d+)$/;

function numberAgainstBase(
  clauses: readonly Numberable[],
  roots: ReadonlyArray<string | null>,
  base: NumberingBase,
  numbers: Array<string | null>,
): void {
  const present = new Set(clauses.map((c) => c.id).filter((id): id is string => id !== undefined));
  const used = new Set<string>();
  const publishedNumber = (clause: Numberable, prefix: string): string | null => {
    const candidates = [clause.id, ...successionOf(clause).filter((id) => !present.has(id))];
    for (const id of candidates) {
      if (id === undefined) continue;
      const number = Object.prototype.hasOwnProperty.call(base, id) ? base[id] : undefined;
      const match = typeof number === 'string' ? CLEAN_NUMBER.exec(number) : null;
      if (match && match[1] === prefix && !used.has(number!)) return number!;
    }
    return null;
  };
  const lastKept: Record<string, string> = {};
  const added = new Map<string, number[]>();
  clauses.forEach((clause, i) => {
    const prefix = NUMBER_PREFIX[clause.kind];
    if (prefix === null || roots[i] !== null) return;
    const kept = publishedNumber(clause, prefix);
    if (kept !== null) {
      used.add(kept);
      numbers[i] = kept;
      lastKept[prefix] = kept;
      return;
    }
    const anchor = lastKept[prefix] ?? `${prefix}0`;
    const list = added.get(anchor) ?? [];
    list.push(i);
    added.set(anchor, list);
  });
  for (const [anchor, list] of added) {
    byAddition(clauses, list).forEach((i, k) => {
      numbers[i] = `${anchor}${insertionSuffix(k)}`;
    });
  }
}

/** Indexes sorted by when the clause was added (unknown last), then by reading order. */
function byAddition(clauses: readonly Numberable[], indexes: readonly number[]): number[] {
  return [...indexes].sort((a, b) => {
    const ta = clauses[a]!.addedAt ?? Number.POSITIVE_INFINITY;
    const tb = clauses[b]!.addedAt ?? Number.POSITIVE_INFINITY;
    return ta === tb ? a - b : ta < tb ? -1 : 1;
  });
}
