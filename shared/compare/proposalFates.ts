import type { ClauseText, DraftText, Inline, Mark, ProposalMark } from '../export/DraftText.js';
import { clauseProposalLine, proposalTag } from '../export/proposalLabels.js';
import type { ClauseProposalFate, DraftComparison, ProposalFate, ProposalFateName, RedlineSegment } from './DraftComparison.js';

/**
 * Proposals (amendments mode) in a comparison. The redline compares text without its proposal marks, so a
 * proposal accepted or rejected between the sides reads as what it did to the text (an accepted insertion's
 * text is kept, a rejected one's deleted ...) instead of as the same words deleted and inserted again; the
 * proposals each piece of text carries on either side then travel on the segment with their fate.
 */

/** The ids of the proposals on each side, which tell a proposal made since the older side from an older one. */
export interface ProposalIds {
  from: ReadonlySet<string>;
  to: ReadonlySet<string>;
}

export const NO_PROPOSAL_IDS: ProposalIds = { from: new Set(), to: new Set() };

/** The proposal marks of a run. */
export function proposalsOf(marks: readonly Mark[]): ProposalMark[] {
  return marks.filter((mark): mark is ProposalMark => mark.type === 'proposal');
}

/** A run's marks without its proposals. */
export function plainMarks(marks: readonly Mark[]): Mark[] {
  return marks.some((mark) => mark.type === 'proposal') ? marks.filter((mark) => mark.type !== 'proposal') : [...marks];
}

/** The ids of every proposal in a text (clause bodies and headings). */
export function proposalIdsOf(draft: DraftText): Set<string> {
  const ids = new Set<string>();
  const visitRuns = (runs: readonly Inline[]) => {
    for (const run of runs) for (const p of proposalsOf(run.marks)) ids.add(p.id);
  };
  const visit = (blocks: DraftText['clauses'][number]['blocks']) => {
    for (const block of blocks) {
      if (block.type === 'paragraph') visitRuns(block.content);
      else for (const item of block.items) visit(item);
    }
  };
  for (const clause of draft.clauses) {
    visitRuns(clause.headingContent ?? []);
    visit(clause.blocks);
  }
  return ids;
}

/**
 * The fates of the proposals on one piece of text, given the proposals it carries on the newer side (`after`,
 * for text kept or inserted) and on the older side (`before`, for text kept or deleted):
 * - on the newer side: `pending` when the proposal was already there (on this text or elsewhere: it grew), `made` otherwise;
 * - on the older side only: an insertion whose text is kept was `accepted`, one whose text is gone `rejected`;
 *   a deletion whose text is gone was `accepted`, one whose text is kept `rejected`. Text of a proposal that is
 *   still undecided on the newer side but no longer on this text (its proposer revised it) stays `pending`.
 */
export function proposalFates(
  change: RedlineSegment['change'],
  before: readonly ProposalMark[],
  after: readonly ProposalMark[],
  ids: ProposalIds,
): ProposalFate[] {
  const fates: ProposalFate[] = [];
  const add = (mark: ProposalMark, fate: ProposalFateName) =>
    fates.push({ kind: mark.kind, id: mark.id, delegationId: mark.delegationId, delegation: mark.delegation, fate });
  for (const mark of after) add(mark, before.some((b) => b.id === mark.id) || ids.from.has(mark.id) ? 'pending' : 'made');
  for (const mark of before) {
    if (after.some((a) => a.id === mark.id)) continue;
    const textKept = change === 'equal';
    if (!textKept && ids.to.has(mark.id)) add(mark, 'pending');
    else if (mark.kind === 'insertion') add(mark, textKept ? 'accepted' : 'rejected');
    else add(mark, textKept ? 'rejected' : 'accepted');
  }
  return fates;
}

/** A run as a segment of one side only (inserted, deleted), or of text the same on both sides with the same marks (equal). */
export function runSegment(run: Inline, change: RedlineSegment['change'], ids: ProposalIds): RedlineSegment {
  const own = proposalsOf(run.marks);
  const before = change === 'inserted' ? [] : own;
  const after = change === 'deleted' ? [] : own;
  return withProposals({ text: run.text, marks: plainMarks(run.marks), change }, proposalFates(change, before, after, ids));
}

/**
 * Text kept between the sides, as shown (`shown`, one side's runs) against the same text on the other side
 * (`other`): cut wherever the proposals of either side change, each piece with its fates. The two texts
 * are equal but for a kept word's trailing white space: white space the other side lacks is text of the
 * shown side only (a space that went with a rejected insertion, or came with a new one), and its
 * proposals' fates are read as for deleted or inserted text.
 */
export function keptSegments(
  shown: readonly Inline[],
  other: readonly Inline[],
  shownSide: 'from' | 'to',
  ids: ProposalIds,
): RedlineSegment[] {
  const otherAt: ProposalMark[][] = [];
  for (const run of other) {
    const marks = proposalsOf(run.marks);
    for (let k = 0; k < run.text.length; k += 1) otherAt.push(marks);
  }
  const out: RedlineSegment[] = [];
  let offset = 0;
  for (const run of shown) {
    const own = proposalsOf(run.marks);
    const marks = plainMarks(run.marks);
    let start = 0;
    let current: ProposalMark[] | null | undefined;
    const flush = (end: number) => {
      if (end <= start) return;
      const theirs = current ?? null;
      const fates =
        theirs === null
          ? proposalFates(shownSide === 'to' ? 'inserted' : 'deleted', shownSide === 'to' ? [] : own, shownSide === 'to' ? own : [], ids)
          : proposalFates('equal', shownSide === 'to' ? theirs : own, shownSide === 'to' ? own : theirs, ids);
      out.push(withProposals({ text: run.text.slice(start, end), marks, change: 'equal' }, fates));
      start = end;
    };
    for (let k = 0; k < run.text.length; k += 1) {
      // null: the other side has no such character (white space of the shown side only).
      const theirs = otherAt[offset + k] ?? null;
      if (current !== undefined && theirs !== current) flush(k);
      current = theirs;
    }
    flush(run.text.length);
    offset += run.text.length;
  }
  return out;
}

function withProposals(segment: RedlineSegment, fates: ProposalFate[]): RedlineSegment {
  return fates.length > 0 ? { ...segment, proposals: fates } : segment;
}

/** Two segments' proposals are the same (same proposals with the same fates, in the same order). */
export function sameFates(a: RedlineSegment, b: RedlineSegment): boolean {
  const x = a.proposals ?? [];
  const y = b.proposals ?? [];
  return x.length === y.length && x.every((p, i) => p.id === y[i]!.id && p.kind === y[i]!.kind && p.fate === y[i]!.fate);
}

/** Whether a segment shows a change: its text came or went, or a proposal on it was made or decided. */
export function segmentChanged(segment: RedlineSegment): boolean {
  return segment.change !== 'equal' || (segment.proposals ?? []).some((p) => p.fate !== 'pending');
}

/** What a tag adds to a proposal's name for each fate: nothing while pending. */
export const FATE_WORDS: Record<ProposalFateName, string> = { pending: '', made: 'new', accepted: 'accepted', rejected: 'rejected' };

/** A proposal's tag in a redline: "+ United States", "+ United States, new", "− Norway, accepted", "− Norway, rejected". */
export function fateTag(proposal: ProposalFate): string {
  const words = FATE_WORDS[proposal.fate];
  return words ? `${proposalTag(proposal)}, ${words}` : proposalTag(proposal);
}

/**
 * The fates of a whole clause's proposals, from the clause on the older side (`before`, null when only the
 * newer side has it) and on the newer one (`after`, null when only the older has it):
 * - on the newer side: `pending` when the older side had it too, `made` otherwise;
 * - on the older side only: a proposed new clause the newer side still has was `accepted`, one it no longer has
 *   `rejected`; a proposed deletion whose clause is gone was `accepted`, one whose clause stayed `rejected`.
 * Absent (no `proposals`) when neither side has any, so such comparisons read as before.
 */
export function clauseProposalFates(
  before: Pick<ClauseText, 'proposals'> | null,
  after: Pick<ClauseText, 'proposals'> | null,
): { proposals?: ClauseProposalFate[] } {
  const older = before?.proposals ?? [];
  const newer = after?.proposals ?? [];
  const fates: ClauseProposalFate[] = newer.map(({ kind, id, delegationId, delegation }) => ({
    kind,
    id,
    delegationId,
    delegation,
    fate: older.some((p) => p.id === id) ? 'pending' : 'made',
  }));
  for (const { kind, id, delegationId, delegation } of older) {
    if (newer.some((p) => p.id === id)) continue;
    const kept = after !== null;
    const fate = (kind === 'clause-insertion') === kept ? 'accepted' : 'rejected';
    fates.push({ kind, id, delegationId, delegation, fate });
  }
  return fates.length > 0 ? { proposals: fates } : {};
}

/** A whole clause's proposal in a comparison: "Proposed new clause — United States, accepted", "Deletion proposed by Norway, new". */
export function clauseFateLine(proposal: ClauseProposalFate): string {
  const words = FATE_WORDS[proposal.fate];
  return words ? `${clauseProposalLine(proposal)}, ${words}` : clauseProposalLine(proposal);
}

/** Whether any text of a comparison carries a proposal on either side: redlines then explain how they show them. */
export function comparisonHasProposals(comparison: Pick<DraftComparison, 'clauses'>): boolean {
  const inSegments = (segments: readonly RedlineSegment[]) => segments.some((s) => (s.proposals ?? []).length > 0);
  return comparison.clauses.some(
    (clause) => (clause.proposals ?? []).length > 0 || inSegments(clause.heading) || clause.paragraphs.some((p) => inSegments(p.segments)),
  );
}

/** How many proposals (distinct ids) a comparison shows with each fate. */
export type ProposalFateCounts = Record<ProposalFateName, number>;

/**
 * The proposals of a comparison, on passages (of headings and bodies) and whole clauses, counted by fate (a
 * proposal counts once per fate it shows with).
 */
export function countProposalFates(comparison: Pick<DraftComparison, 'clauses'>): ProposalFateCounts {
  const seen: Record<ProposalFateName, Set<string>> = { pending: new Set(), made: new Set(), accepted: new Set(), rejected: new Set() };
  for (const clause of comparison.clauses) {
    for (const p of clause.proposals ?? []) seen[p.fate].add(p.id);
    for (const segment of clause.heading) for (const p of segment.proposals ?? []) seen[p.fate].add(p.id);
    for (const paragraph of clause.paragraphs)
      for (const segment of paragraph.segments) for (const p of segment.proposals ?? []) seen[p.fate].add(p.id);
  }
  return { pending: seen.pending.size, made: seen.made.size, accepted: seen.accepted.size, rejected: seen.rejected.size };
}
