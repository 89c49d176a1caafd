import * as Y from 'yjs';
import {
  PROPOSAL_KINDS,
  PROPOSAL_MARK,
  proposalTexts,
  readClauseTextProposals,
  readProposalRuns,
  type ProposalRun,
} from '../../../shared/amendments/proposals.js';
import { clauseProposalsOf, type Amendment } from '../../../shared/amendments/clauseProposals.js';
import { readClause, type ClauseView } from '../../../shared/doc/readClause.js';
import { CLAUSE_FIELD, getClauses, getMeta, getOrder, type ProposalAttrs } from '../../../shared/doc/schema.js';

/** What a member may do with an update, as the draft stands. */
export interface EditRules {
  /** Clauses agreed or agreed ad ref: nobody changes them. */
  locked: ReadonlySet<string>;
  /** Set for a delegate on a draft in amendments mode: their changes must be proposals of this delegation. */
  proposingFor: string | null;
  /** Proposal ids decided before: a new proposal may not take one. */
  decided: ReadonlySet<string>;
}

/** A proposal mark the sender wrote for another delegation, to be put in the sender's name. */
export interface ProposalCorrection {
  clauseId: string;
  /** Which of the clause's texts (proposalTexts order, every text: heading first, then the body's), and where in it. */
  textIndex: number;
  index: number;
  length: number;
  key: string;
  value: ProposalAttrs;
}

/** A clause's proposal field (proposedBy, deletionProposedBy) the sender set for another delegation, to be put in the sender's name. */
export interface FieldCorrection {
  clauseId: string;
  field: string;
  value: ProposalAttrs;
}

export type EditVerdict =
  | { ok: false; reason: string }
  | { ok: true; corrections: ProposalCorrection[]; fieldCorrections: FieldCorrection[]; newProposals: Amendment[] };

/**
 * Judges a member's update by what it did to a replica of the draft (`after`, `transaction`: the update
 * tried there) against the live document that has not taken it (`before`). Refused: any change inside a
 * locked clause, or a locked clause taken out of the reading order; for a proposing delegate also any
 * change of the accepted text of a clause body (its paragraphs' text outside insertion marks, deletion-
 * marked text included) or of its heading, of another delegation's proposal, of a clause's fields, of the
 * reading order other than adding an option, or of the draft's metadata. New proposal marks written for
 * another delegation are put in the sender's name (corrections); a proposal id already used elsewhere in
 * the draft is refused.
 */
export function checkEditRules(before: Y.Doc, after: Y.Doc, transaction: Y.Transaction, rules: EditRules): EditVerdict {
  const touched = touchedClauses(after, transaction);
  const proposing = rules.proposingFor;

  const lockedTouched = [...touched.clauses.keys()].find((id) => rules.locked.has(id));
  if (lockedTouched) return refuse('the clause is agreed: its text is locked until the secretariat reopens it');
  const orderBefore = readOrder(before);
  const orderAfter = touched.order ? readOrder(after) : orderBefore;
  if (touched.order) {
    const kept = new Set(orderAfter);
    const removedLocked = orderBefore.find((id) => rules.locked.has(id) && !kept.has(id));
    if (removedLocked) return refuse('an agreed clause cannot be deleted');
  }
  if (proposing === null) return { ok: true, corrections: [], fieldCorrections: [], newProposals: [] };

  if (touched.meta) return refuse('in amendments mode only the secretariat changes the draft’s settings');
  const existed = (id: string) => getClauses(before).has(id);
  if (touched.order) {
    const problem = orderProblem(orderBefore, orderAfter, after, existed);
    if (problem) return refuse(problem);
  }
  for (const key of touched.replacedClauses) {
    if (existed(key)) return refuse('in amendments mode a clause is not replaced: propose changes to it');
  }

  const corrections: ProposalCorrection[] = [];
  const fieldCorrections: FieldCorrection[] = [];
  const newProposals: Amendment[] = [];
  for (const id of orderAfter) {
    // A clause this update put in the order: an option, or a proposed new clause (in the sender's name).
    if (existed(id)) continue;
    const added = readClause(after, id);
    if (!added?.proposedBy) continue;
    if (added.proposedBy.delegation !== proposing) {
      fieldCorrections.push({ clauseId: id, field: CLAUSE_FIELD.proposedBy, value: { id: added.proposedBy.id, delegation: proposing } });
    }
    newProposals.push(...clauseProposalsOf({ ...added, proposedBy: { id: added.proposedBy.id, delegation: proposing } }));
  }
  for (const [clauseId, { parts, fields }] of touched.clauses) {
    if (!existed(clauseId)) continue; // added with this update: its fields are the sender's to set (checked above)
    const was = readClause(before, clauseId);
    const now = readClause(after, clauseId);
    if (!was || !now) return refuse('the clause does not have the expected shape');
    if (parts.has('fields')) {
      const problem = fieldsProblem(was, now, fields, proposing, fieldCorrections, newProposals);
      if (problem) return refuse(problem);
    }
    // The sender's own proposed clause is theirs to write until it is decided.
    if (was.proposedBy?.delegation === proposing) continue;
    if (!parts.has('heading') && !parts.has('body')) continue;
    const problem = textProblem(was, now, proposing, corrections, newProposals);
    if (problem) return refuse(problem);
  }
  if (newProposals.length > 0) {
    const reused =
      newProposals.find((p) => rules.decided.has(p.id))?.id ?? idsUsedElsewhere(before, new Set(newProposals.map((p) => p.id)));
    if (reused) return refuse('this proposal id is already used in the draft');
  }
  return { ok: true, corrections, fieldCorrections, newProposals };
}

/**
 * A proposing delegate may change one field of an existing clause: `deletionProposedBy`, set when the
 * clause has none (a new proposal to delete it, in the sender's name) or removed when it is the sender's
 * delegation's (withdrawn). Anything else about a clause is the secretariat's.
 */
function fieldsProblem(
  was: ClauseView,
  now: ClauseView,
  fields: ReadonlySet<string>,
  own: string,
  fieldCorrections: FieldCorrection[],
  newProposals: Amendment[],
): string | null {
  const other = [...fields].find((field) => field !== CLAUSE_FIELD.deletionProposedBy);
  if (other !== undefined) return 'in amendments mode only the secretariat changes a clause’s kind';
  const before = was.deletionProposedBy;
  const after = now.deletionProposedBy;
  if (before === null && after !== null) {
    if (after.delegation !== own)
      fieldCorrections.push({ clauseId: now.id, field: CLAUSE_FIELD.deletionProposedBy, value: { id: after.id, delegation: own } });
    newProposals.push(...clauseProposalsOf({ ...now, proposedBy: null, deletionProposedBy: { id: after.id, delegation: own } }));
    return null;
  }
  if (before !== null && after === null && before.delegation === own) return null;
  if (before !== null && after !== null && before.id === after.id && before.delegation === after.delegation) return null;
  return 'another delegation’s proposal cannot be changed';
}

function refuse(reason: string): EditVerdict {
  return { ok: false, reason };
}

type ClausePart = 'fields' | 'heading' | 'body';

interface Touched {
  /** Clause id -> which of its parts the update changed, and which of its own fields. */
  clauses: Map<string, { parts: Set<ClausePart>; fields: Set<string> }>;
  /** Keys of `clauses` the update set (a clause added, or one replaced). */
  replacedClauses: Set<string>;
  order: boolean;
  meta: boolean;
}

/** Which clauses (and parts of them), and whether the order or the metadata, the transaction changed. */
function touchedClauses(doc: Y.Doc, transaction: Y.Transaction): Touched {
  const clausesMap = getClauses(doc) as unknown as Y.AbstractType<unknown>;
  const order = getOrder(doc) as unknown as Y.AbstractType<unknown>;
  const meta = getMeta(doc) as unknown as Y.AbstractType<unknown>;
  const touched: Touched = { clauses: new Map(), replacedClauses: new Set(), order: false, meta: false };
  const note = (clauseId: string, part: ClausePart, keys: Iterable<string | null>) => {
    const entry = touched.clauses.get(clauseId) ?? { parts: new Set<ClausePart>(), fields: new Set<string>() };
    entry.parts.add(part);
    if (part === 'fields') for (const key of keys) if (key !== null) entry.fields.add(key);
    touched.clauses.set(clauseId, entry);
  };
  for (const [type, keys] of transaction.changed) {
    const changed = type as unknown as Y.AbstractType<unknown>;
    if (changed === order) touched.order = true;
    else if (changed === meta) touched.meta = true;
    else if (changed === clausesMap) {
      for (const key of keys) if (key !== null) touched.replacedClauses.add(key);
    } else {
      const place = clauseOf(changed, clausesMap);
      if (!place) {
        touched.meta = true; // some other root type: only the secretariat's (or nobody's) business
      }
      // Something nested in a field other than the heading or body counts as a change of a field no one may make.
      else note(place.clauseId, place.part, place.own ? keys : ['(nested)']);
    }
  }
  return touched;
}

/**
 * The clause a type belongs to (walking up its parents), which part of it, and whether the type is the
 * clause's own map (then the changed keys are its fields), or null outside any clause.
 */
function clauseOf(
  type: Y.AbstractType<unknown>,
  clausesMap: Y.AbstractType<unknown>,
): { clauseId: string; part: ClausePart; own: boolean } | null {
  let current: Y.AbstractType<unknown> = type;
  let childKey: string | null = null;
  for (;;) {
    const item = current._item;
    if (!item) return null;
    const parent = item.parent as Y.AbstractType<unknown> | null;
    if (parent === clausesMap) {
      if (typeof item.parentSub !== 'string') return null;
      if (current === type) return { clauseId: item.parentSub, part: 'fields', own: true };
      return { clauseId: item.parentSub, part: childKey === 'body' ? 'body' : childKey === 'heading' ? 'heading' : 'fields', own: false };
    }
    if (!(parent instanceof Y.AbstractType)) return null;
    childKey = item.parentSub;
    current = parent;
  }
}

function readOrder(doc: Y.Doc): string[] {
  return getOrder(doc)
    .toArray()
    .filter((id): id is string => typeof id === 'string');
}

/** A proposing delegate may only add options and proposed new clauses to the reading order; nothing leaves it or moves. */
function orderProblem(before: readonly string[], after: readonly string[], doc: Y.Doc, existed: (id: string) => boolean): string | null {
  const remaining = after.filter((id) => existed(id) || !(isNewOption(doc, id, existed) || readClause(doc, id)?.proposedBy));
  if (remaining.length !== before.length || remaining.some((id, i) => id !== before[i])) {
    return 'in amendments mode only the secretariat deletes or moves clauses: propose a deletion instead';
  }
  return null;
}

function isNewOption(doc: Y.Doc, id: string, existed: (id: string) => boolean): boolean {
  const clause = readClause(doc, id);
  return clause !== null && clause.alternativeTo !== null && existed(clause.alternativeTo);
}

/** A run's proposal marks as one comparable string. */
function marksOf(run: ProposalRun): string {
  return JSON.stringify([run.insertion, run.deletion]);
}

/**
 * The accepted text of a clause as one comparable string: its heading's, then each body paragraph's, empty
 * paragraphs left out (a new paragraph of proposed text adds none). The heading always has its place, so
 * no accepted text passes between heading and body.
 */
function acceptedTextOf(texts: readonly Y.Text[]): string {
  const [heading = '', ...paragraphs] = texts.map((text) =>
    readProposalRuns(text)
      .filter((run) => run.insertion === null)
      .map((run) => run.text)
      .join(''),
  );
  return JSON.stringify([heading, paragraphs.filter((text) => text.length > 0)]);
}

/** Another delegation's proposals in a clause's texts: id -> its passages with every proposal mark on them. */
function othersProposals(texts: readonly Y.Text[], own: string): Map<string, string> {
  const passages = new Map<string, string[]>();
  texts.forEach((text, paragraph) => {
    for (const run of readProposalRuns(text)) {
      for (const kind of PROPOSAL_KINDS) {
        const attrs = run[kind];
        if (!attrs || attrs.delegation === own) continue;
        const list = passages.get(attrs.id) ?? [];
        list.push(`${paragraph}:${run.text}:${marksOf(run)}`);
        passages.set(attrs.id, list);
      }
    }
  });
  return new Map([...passages].map(([id, list]) => [id, list.join('|')]));
}

/** What a proposing delegate's update did to a clause's heading and body: null when it only proposed. */
function textProblem(
  was: ClauseView,
  now: ClauseView,
  own: string,
  corrections: ProposalCorrection[],
  newProposals: Amendment[],
): string | null {
  const clauseId = now.id;
  const before = proposalTexts({ heading: was.heading, body: was.body });
  const after = proposalTexts({ heading: now.heading, body: now.body });
  if (acceptedTextOf(before) !== acceptedTextOf(after)) {
    return 'in amendments mode accepted text is not changed directly: propose an insertion or deletion';
  }
  const idsBefore = new Set(readClauseTextProposals(was).map((p) => p.id));
  const othersBefore = othersProposals(before, own);
  // Marks the sender wrote in someone else's name become the sender's own, unless they name a proposal that exists.
  after.forEach((text, textIndex) => {
    let index = 0;
    for (const run of readProposalRuns(text)) {
      for (const kind of PROPOSAL_KINDS) {
        const attrs = run[kind];
        if (attrs && attrs.delegation !== own && !idsBefore.has(attrs.id)) {
          corrections.push({
            clauseId,
            textIndex,
            index,
            length: run.text.length,
            key: PROPOSAL_MARK[kind],
            value: { id: attrs.id, delegation: own },
          });
        }
      }
      index += run.text.length;
    }
  });
  const othersAfter = othersProposals(after, own);
  for (const [id, passages] of othersBefore) {
    if (othersAfter.get(id) !== passages) return 'another delegation’s proposal cannot be changed';
  }
  for (const proposal of readClauseTextProposals(now)) {
    if (!idsBefore.has(proposal.id)) newProposals.push({ ...proposal, delegationId: own });
  }
  return null;
}

/** The first of `ids` some clause of the live document already uses (in its text or on the clause), or null. */
function idsUsedElsewhere(doc: Y.Doc, ids: ReadonlySet<string>): string | null {
  for (const id of getClauses(doc).keys()) {
    const clause = readClause(doc, id);
    if (!clause) continue;
    for (const attrs of [clause.proposedBy, clause.deletionProposedBy]) if (attrs && ids.has(attrs.id)) return attrs.id;
    for (const text of proposalTexts({ heading: clause.heading, body: clause.body })) {
      for (const run of readProposalRuns(text)) {
        for (const kind of PROPOSAL_KINDS) {
          const attrs = run[kind];
          if (attrs && ids.has(attrs.id)) return attrs.id;
        }
      }
    }
  }
  return null;
}
