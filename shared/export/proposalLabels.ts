import type { ClauseProposalKind } from '../amendments/clauseProposals.js';
import type { ProposalKind } from '../amendments/proposals.js';
import type { Block, ClauseProposalMark, ClauseText, DraftText, Inline, Mark, ProposalMark } from './DraftText.js';
import { UNKNOWN_DELEGATION } from './readInlines.js';

/**
 * How every human-readable rendering names a proposal (amendments mode), so the exports and the read-only
 * views agree word for word: its passage is followed by a tag, the kind's sign and the proposing
 * delegation's name, "+ United States" for a proposed insertion and "− Norway" (a minus sign) for a
 * proposed deletion; the passage itself is underlined (insertion) or struck through (deletion) where the
 * format can draw it. The words carry the meaning; colours and lines only repeat it.
 */

/** The sign of each kind in a tag: plus for an insertion, the minus sign (U+2212) for a deletion. */
export const PROPOSAL_SIGN: Record<ProposalKind, string> = { insertion: '+', deletion: '\u2212' };

/** What each kind is called in prose and in accessible names. */
export const PROPOSAL_KIND_LABEL: Record<ProposalKind, string> = { insertion: 'Proposed insertion', deletion: 'Proposed deletion' };

/** A proposal's tag: "+ United States", "− Norway" (names come from metadata, on one line). */
export function proposalTag(proposal: Pick<ProposalMark, 'kind' | 'delegation'>): string {
  return `${PROPOSAL_SIGN[proposal.kind]} ${oneLine(proposal.delegation) || UNKNOWN_DELEGATION}`;
}

/** "Proposed insertion by United States": a tag in words, for titles and accessible names. */
export function proposalTitle(proposal: Pick<ProposalMark, 'kind' | 'delegation'>): string {
  return `${PROPOSAL_KIND_LABEL[proposal.kind]} by ${oneLine(proposal.delegation) || UNKNOWN_DELEGATION}`;
}

/** The proposal marks of a run, insertion first. */
export function proposalMarks(marks: readonly Mark[]): ProposalMark[] {
  return marks.filter((mark): mark is ProposalMark => mark.type === 'proposal');
}

/** Consecutive runs carrying the same proposals (by kind and id; none for text outside every proposal). */
export interface ProposalGroup<R, P> {
  proposals: P[];
  runs: R[];
}

/**
 * Cuts runs into passages of the same proposals, so a renderer draws one insertion or deletion and one tag
 * per passage however many runs (bold, a link) it spans. White space stays inside a passage: it is part of
 * what accepting the proposal inserts or deletes. `proposalsOf` reads a run's proposals: its proposal marks
 * for DraftText runs (the default), its proposals with their fates for redline segments.
 */
export function proposalGroups<R extends { text: string }, P extends { kind: ProposalKind; id: string }>(
  runs: readonly R[],
  proposalsOf: (run: R) => readonly P[],
): Array<ProposalGroup<R, P>> {
  const groups: Array<ProposalGroup<R, P>> = [];
  for (const run of runs) {
    if (run.text.length === 0) continue;
    const proposals = [...proposalsOf(run)];
    const last = groups[groups.length - 1];
    if (last && sameProposals(last.proposals, proposals)) last.runs.push(run);
    else groups.push({ proposals, runs: [run] });
  }
  return groups;
}

/** proposalGroups of DraftText runs, by their proposal marks. */
export function markProposalGroups<R extends { text: string; marks: readonly Mark[] }>(
  runs: readonly R[],
): Array<ProposalGroup<R, ProposalMark>> {
  return proposalGroups(runs, (run) => proposalMarks(run.marks));
}

function sameProposals(a: ReadonlyArray<{ kind: string; id: string }>, b: ReadonlyArray<{ kind: string; id: string }>): boolean {
  return a.length === b.length && a.every((p, i) => p.kind === b[i]!.kind && p.id === b[i]!.id && sameFate(p, b[i]!));
}

function sameFate(a: object, b: object): boolean {
  return (a as { fate?: unknown }).fate === (b as { fate?: unknown }).fate;
}

/**
 * A passage's runs cut before its trailing white space, so a tag can stand right after the last word and the
 * space after it ("promptly and⁺ United States review" rather than "promptly and ⁺United Statesreview"); the
 * space stays part of the proposal. `trail` is empty when the passage does not end with white space.
 */
export function splitTrailingSpace<R extends { text: string }>(runs: readonly R[]): { core: R[]; trail: R[] } {
  const core = [...runs];
  const trail: R[] = [];
  while (core.length > 0) {
    const last = core[core.length - 1]!;
    const kept = last.text.trimEnd();
    if (kept.length === last.text.length) break;
    core.pop();
    trail.unshift({ ...last, text: last.text.slice(kept.length) });
    if (kept.length > 0) {
      core.push({ ...last, text: kept });
      break;
    }
  }
  // A passage of white space only keeps it before its tag.
  return core.length > 0 ? { core, trail } : { core: [...runs], trail: [] };
}

/**
 * A whole clause's proposal, as every rendering words the line under the clause's number: "Proposed new
 * clause — United States", "Deletion proposed by Norway". The clause's text is then drawn as a proposed
 * insertion or deletion is (underlined, struck through), without a tag after each passage: the line says whose.
 */
export function clauseProposalLine(proposal: Pick<ClauseProposalMark, 'kind' | 'delegation'>): string {
  const name = oneLine(proposal.delegation) || UNKNOWN_DELEGATION;
  return proposal.kind === 'clause-insertion' ? `Proposed new clause — ${name}` : `Deletion proposed by ${name}`;
}

/** The kind of passage a whole clause's text is drawn as: a proposed new clause's is inserted text, the other deleted. */
export const CLAUSE_PROPOSAL_TEXT: Record<ClauseProposalKind, ProposalKind> = {
  'clause-insertion': 'insertion',
  'clause-deletion': 'deletion',
};

/**
 * The proposal a whole clause's text is drawn as (or tracked as, in Word): its proposed new clause, else its
 * proposed deletion; null for a clause without either. (A proposed new clause that another delegation proposes
 * to delete reads as new: rejecting it removes it, as for a passage marked both ways.)
 */
export function clauseTextProposal(clause: Pick<ClauseText, 'proposals'>): ClauseProposalMark | null {
  const proposals = clause.proposals ?? [];
  return proposals.find((p) => p.kind === 'clause-insertion') ?? proposals[0] ?? null;
}

/**
 * The proposal mark a passage of a whole clause's text carries for it: runs with no proposal of their own are
 * drawn as this one (runs with their own keep theirs, so a proposal inside a proposed clause stays its proposer's).
 */
export function clauseTextMark(proposal: ClauseProposalMark): ProposalMark {
  const { id, delegationId, delegation } = proposal;
  return { type: 'proposal', kind: CLAUSE_PROPOSAL_TEXT[proposal.kind], id, delegationId, delegation };
}

/**
 * A whole clause's blocks with every run that carries no proposal of its own marked as the clause's proposed
 * passage (clauseTextMark), for formats that track text run by run (Word).
 */
export function withClauseProposal(blocks: readonly Block[], proposal: ClauseProposalMark): Block[] {
  return blocks.map((block) =>
    block.type === 'paragraph'
      ? { type: 'paragraph', content: runsWithClauseProposal(block.content, proposal) }
      : { type: block.type, items: block.items.map((item) => withClauseProposal(item, proposal)) },
  );
}

/** withClauseProposal for one line of runs (a paragraph's, a heading's). */
export function runsWithClauseProposal(runs: readonly Inline[], proposal: ClauseProposalMark): Inline[] {
  const mark = clauseTextMark(proposal);
  return runs.map((run) => (run.marks.some((m) => m.type === 'proposal') ? run : { ...run, marks: [...run.marks, mark] }));
}

/** "Proposed new clause by United States": a clause's proposal in words, for titles and accessible names. */
export function clauseProposalTitle(proposal: Pick<ClauseProposalMark, 'kind' | 'delegation'>): string {
  const name = oneLine(proposal.delegation) || UNKNOWN_DELEGATION;
  return proposal.kind === 'clause-insertion' ? `Proposed new clause by ${name}` : `Proposed deletion of the clause by ${name}`;
}

/**
 * Whether the text holds a proposal, on a passage of a clause body or heading or on a whole clause: exports
 * then explain their convention at the top.
 */
export function hasProposals(draft: Pick<DraftText, 'clauses'>): boolean {
  const inRuns = (runs: readonly Inline[]): boolean => runs.some((run) => run.marks.some((m) => m.type === 'proposal'));
  const inBlocks = (blocks: readonly Block[]): boolean =>
    blocks.some((block) => (block.type === 'paragraph' ? inRuns(block.content) : block.items.some(inBlocks)));
  return draft.clauses.some(
    (clause) => (clause.proposals ?? []).length > 0 || inRuns(clause.headingContent ?? []) || inBlocks(clause.blocks),
  );
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
