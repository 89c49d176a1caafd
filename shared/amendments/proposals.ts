import * as Y from 'yjs';
import { readOrderedClauses } from '../doc/readOrderedClauses.js';
import { DELETION_MARK, INSERTION_MARK, type ProposalAttrs } from '../doc/schema.js';
import { proposalAttrs } from './proposalAttrs.js';

export { proposalAttrs };

/**
 * Proposals in a draft's text (amendments mode): passages marked `insertion` (proposed new text) or
 * `deletion` (accepted text proposed for deletion), each tagged with one proposal id and the proposing
 * delegation. The accepted text of a body is its text outside insertion marks (deletion-marked text
 * included); "if all accepted" drops deletion-marked text and keeps insertions.
 */

export const PROPOSAL_KINDS = ['insertion', 'deletion'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/** The Yjs formatting attribute of each kind. */
export const PROPOSAL_MARK: Record<ProposalKind, string> = { insertion: INSERTION_MARK, deletion: DELETION_MARK };

/** One proposal as read from the text: its passages joined ("\n" between paragraphs). */
export interface Proposal {
  id: string;
  clauseId: string;
  delegationId: string;
  kind: ProposalKind;
  text: string;
  /** Set on a proposal in the clause's heading (its first passage there); absent on one in the body. */
  inHeading?: true;
}

/** Whether a Yjs formatting attribute is a proposal mark. */
export function isProposalKey(key: string): boolean {
  return key === INSERTION_MARK || key === DELETION_MARK;
}

/** One run of a text's delta, with its proposal marks read. */
export interface ProposalRun {
  text: string;
  insertion: ProposalAttrs | null;
  deletion: ProposalAttrs | null;
}

type DeltaOp = { insert?: unknown; attributes?: Record<string, unknown> };

/** The runs of a Y.XmlText (or Y.Text) with their proposal marks; embeds count as no text. */
export function readProposalRuns(text: Y.Text): ProposalRun[] {
  const runs: ProposalRun[] = [];
  for (const op of text.toDelta() as DeltaOp[]) {
    if (typeof op.insert !== 'string') continue;
    runs.push({
      text: op.insert,
      insertion: proposalAttrs(op.attributes?.[INSERTION_MARK]),
      deletion: proposalAttrs(op.attributes?.[DELETION_MARK]),
    });
  }
  return runs;
}

/** Every Y.XmlText of a clause body, in reading order (one per paragraph as TipTap writes it). */
export function bodyTexts(body: Y.XmlFragment): Y.XmlText[] {
  const texts: Y.XmlText[] = [];
  const visit = (node: Y.XmlFragment | Y.XmlElement) => {
    for (const child of node.toArray()) {
      if (child instanceof Y.XmlText) texts.push(child);
      else if (child instanceof Y.XmlElement) visit(child);
    }
  };
  visit(body);
  return texts;
}

/** What proposals can be written in: a clause's heading and its body. */
export interface ProposalHolder {
  heading: Y.Text;
  body: Y.XmlFragment;
  /** A "no text" option: only its heading holds text. */
  noText?: boolean;
}

/**
 * Every text of a clause that can hold proposals, in reading order: its heading first, then each paragraph
 * of its body (none for a "no text" option). Positions in this list (`textIndex`) name a text in corrections.
 */
export function proposalTexts(clause: ProposalHolder): Y.Text[] {
  return [clause.heading, ...(clause.noText ? [] : bodyTexts(clause.body))];
}

/**
 * The proposals in some texts of one clause, in reading order of their first passage; `headingFirst` when
 * the first text is the clause's heading (its proposals are marked `inHeading`).
 */
function readTextProposals(clauseId: string, texts: readonly Y.Text[], headingFirst: boolean): Proposal[] {
  const byId = new Map<string, Proposal & { paragraph: number }>();
  texts.forEach((text, paragraph) => {
    for (const run of readProposalRuns(text)) {
      for (const kind of PROPOSAL_KINDS) {
        const attrs = run[kind];
        if (!attrs) continue;
        const known = byId.get(attrs.id);
        if (!known) {
          const proposal = { id: attrs.id, clauseId, delegationId: attrs.delegation, kind, text: run.text, paragraph };
          byId.set(attrs.id, headingFirst && paragraph === 0 ? { ...proposal, inHeading: true } : proposal);
        } else if (known.kind === kind) {
          known.text += known.paragraph === paragraph ? run.text : `\n${run.text}`;
          known.paragraph = paragraph;
        }
      }
    }
  });
  return [...byId.values()].map(({ paragraph: _paragraph, ...proposal }) => proposal);
}

/** The proposals of one clause body, in reading order of their first passage. */
export function readBodyProposals(clauseId: string, body: Y.XmlFragment): Proposal[] {
  return readTextProposals(clauseId, bodyTexts(body), false);
}

/** The proposals in a clause's heading and body, the heading's first. */
export function readClauseTextProposals(clause: ProposalHolder & { id: string }): Proposal[] {
  return readTextProposals(clause.id, proposalTexts(clause), true);
}

/** Every proposal in the clauses of the reading order, clause by clause. */
export function readProposals(doc: Y.Doc): Proposal[] {
  return readOrderedClauses(doc).flatMap((clause) => readClauseTextProposals(clause));
}

/** How many proposals, per clause id and in all, of the clauses in the reading order. */
export function countProposals(proposals: readonly Proposal[]): {
  total: number;
  byClause: Record<string, number>;
  byDelegation: Record<string, number>;
} {
  const byClause: Record<string, number> = {};
  const byDelegation: Record<string, number> = {};
  for (const p of proposals) {
    byClause[p.clauseId] = (byClause[p.clauseId] ?? 0) + 1;
    byDelegation[p.delegationId] = (byDelegation[p.delegationId] ?? 0) + 1;
  }
  return { total: proposals.length, byClause, byDelegation };
}

/** The text of a body's paragraph as read in a view: the accepted text, all proposals shown, or all accepted. */
export type ProposalView = 'all' | 'accepted' | 'if-accepted';

/** Whether a run is part of the text in a view. */
export function runInView(run: Pick<ProposalRun, 'insertion' | 'deletion'>, view: ProposalView): boolean {
  if (view === 'accepted') return run.insertion === null;
  if (view === 'if-accepted') return run.deletion === null;
  return true;
}

/** The accepted text of a Y.XmlText: everything outside insertion marks (deletion-marked text included). */
export function acceptedText(text: Y.Text): string {
  return readProposalRuns(text)
    .filter((run) => run.insertion === null)
    .map((run) => run.text)
    .join('');
}
