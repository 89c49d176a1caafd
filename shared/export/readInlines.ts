import * as Y from 'yjs';
import { PROPOSAL_KINDS, PROPOSAL_MARK, proposalAttrs } from '../amendments/proposals.js';
import { BRACKET_MARK, type ProposalAttrs } from '../doc/schema.js';
import { bracketDelegation } from '../negotiation/brackets.js';
import { cleanText } from './cleanText.js';
import type { Inline, Mark, ProposalMark } from './DraftText.js';
import { safeHref } from './safeHref.js';

/**
 * The text runs of one Y.XmlText (or a Y.Text, such as a clause heading, whose formatting attributes are
 * stored the same way), as y-prosemirror (@tiptap/y-tiptap) writes TipTap text: each delta op's
 * `attributes` maps a mark name to the mark's attrs ({} for bold and italic, {href, target, rel, class} for a
 * link). A mark that may overlap itself is keyed `name--<hash>`; the part before `--` is the mark name.
 *
 * Only bold, italic, links to http, https and mailto, brackets (with the proposing delegation's name from
 * `delegations`) and proposals (the `insertion` and `deletion` marks of amendments mode, read with
 * proposalAttrs, with their delegation's name the same way) survive; every other mark (strike, code, underline,
 * highlight, ychange, anything a client invented) and every attribute of a kept mark except a link's href
 * is dropped silently, keeping the text. Embeds (non-string inserts) are dropped.
 */
export function readInlines(text: Y.Text, delegations: DelegationNames = NO_NAMES): Inline[] {
  const runs: Inline[] = [];
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string') continue;
    runs.push({ text: cleanText(op.insert), marks: marksOf(op.attributes, delegations) });
  }
  return runs;
}

/** Delegation id -> name, for bracket and proposal marks. A delegation unknown here reads as UNKNOWN_DELEGATION. */
export type DelegationNames = Readonly<Record<string, string>>;
const NO_NAMES: DelegationNames = {};
export const UNKNOWN_DELEGATION = 'Unknown delegation';

/**
 * Joins neighbouring runs whose marks are equal and drops empty runs, so equal content always yields
 * the same runs however a client happened to split its text.
 */
export function mergeInlines(runs: readonly Inline[]): Inline[] {
  const merged: Inline[] = [];
  for (const run of runs) {
    if (run.text.length === 0) continue;
    const last = merged[merged.length - 1];
    if (last && sameMarks(last.marks, run.marks)) last.text += run.text;
    else merged.push({ text: run.text, marks: run.marks });
  }
  return merged;
}

interface DeltaOp {
  insert?: unknown;
  attributes?: Record<string, unknown>;
}

function marksOf(attributes: Record<string, unknown> | undefined, delegations: DelegationNames): Mark[] {
  let bold = false;
  let italic = false;
  let href: string | null = null;
  let bracket: string | null = null;
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    const name = key.split('--')[0];
    if (name === 'bold') bold = true;
    else if (name === 'italic') italic = true;
    else if (name === 'link' && typeof value === 'object') href = safeHref((value as { href?: unknown }).href) ?? href;
    else if (name === BRACKET_MARK) bracket = bracketDelegation(value) ?? bracket;
  }
  const marks: Mark[] = [];
  if (bold) marks.push({ type: 'bold' });
  if (italic) marks.push({ type: 'italic' });
  if (href !== null) marks.push({ type: 'link', href });
  if (bracket !== null) marks.push({ type: 'bracket', delegationId: bracket, delegation: delegationName(delegations, bracket) });
  // Proposal marks keep ProseMirror's default `excludes`, so they are stored under their exact names, never `name--hash`.
  for (const kind of PROPOSAL_KINDS) {
    const proposal: ProposalAttrs | null = proposalAttrs(attributes?.[PROPOSAL_MARK[kind]]);
    if (proposal === null) continue;
    const { id, delegation } = proposal;
    marks.push({ type: 'proposal', kind, id, delegationId: delegation, delegation: delegationName(delegations, delegation) });
  }
  return marks;
}

/** A delegation's name from `delegations`, or UNKNOWN_DELEGATION. */
export function delegationName(delegations: DelegationNames, id: string): string {
  return (Object.prototype.hasOwnProperty.call(delegations, id) ? delegations[id] : undefined) ?? UNKNOWN_DELEGATION;
}

function sameMarks(a: readonly Mark[], b: readonly Mark[]): boolean {
  return (
    a.length === b.length &&
    a.every((mark, i) => {
      const other = b[i];
      if (other === undefined || mark.type !== other.type) return false;
      if (mark.type === 'link') return other.type === 'link' && mark.href === other.href;
      if (mark.type === 'bracket') return other.type === 'bracket' && mark.delegationId === other.delegationId;
      if (mark.type === 'proposal') return other.type === 'proposal' && sameProposal(mark, other);
      return true;
    })
  );
}

/** Two proposal marks of the same proposal (kind, id and delegation; the name follows from the id). */
export function sameProposal(a: ProposalMark, b: ProposalMark): boolean {
  return a.kind === b.kind && a.id === b.id && a.delegationId === b.delegationId;
}
