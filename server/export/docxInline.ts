import {
  DeletedTextRun,
  ExternalHyperlink,
  InsertedTextRun,
  TextRun,
  type IParagraphRunOptions,
  type IRunOptions,
  type ParagraphChild,
} from 'docx';
import { bracketGroups } from '../../shared/compare/bracketGroups.js';
import { fateTag } from '../../shared/compare/proposalFates.js';
import type { ProposalMark } from '../../shared/export/DraftText.js';
import { proposalGroups, proposalMarks, splitTrailingSpace } from '../../shared/export/proposalLabels.js';
import { UNKNOWN_DELEGATION } from '../../shared/export/readInlines.js';
import { bracketTag } from './clauseNotes.js';
import { BRACKET_TAG_STYLE } from './docxStyles.js';
import { groupChange, type ChangedInline, type InlineChange } from './InlineChange.js';

/**
 * Who and when tracked changes are attributed to. Ids number the changes of one document; dates come from
 * the version, never the clock.
 */
export interface DocxChangeContext {
  author: string;
  date: string;
  nextChangeId: () => number;
}

/**
 * How a clean export tracks proposals (amendments mode): each proposed insertion or deletion is a Word tracked
 * change authored by the proposing delegation's name, dated `date` (the version's: the document does not
 * record when a proposal was made, and the bytes must not depend on the clock). Ids number the changes.
 */
export interface DocxProposalContext {
  date: string;
  nextChangeId: () => number;
  /**
   * While writing a whole clause's proposal (a proposed new clause, a proposed deletion): its paragraph marks
   * are tracked as inserted or deleted by the delegation, with its text (whose runs carry the clause's proposal
   * mark, withClauseProposal), so accepting or rejecting it adds or removes whole paragraphs.
   */
  clause?: Tracked;
}

/** Who a tracked proposal is by: its delegation's name as Word's author. */
export function proposalAuthor(proposal: Pick<ProposalMark, 'delegation'>): string {
  return proposal.delegation.replace(/\s+/g, ' ').trim() || UNKNOWN_DELEGATION;
}

/** A tracked change to write: a redline's change, or a proposal's. */
export interface Tracked {
  kind: 'inserted' | 'deleted';
  author: string;
}

/**
 * One run as a Word run: bold, italic, a hyperlink (href already checked by safeHref) styled as Word's
 * Hyperlink, and, when the run is marked as changed (a redline) or carries a proposal (a clean export with
 * `proposals`), a real tracked insertion or deletion: the redline's by its author, a proposal by its delegation.
 */
export function docxInline(run: ChangedInline, changes?: DocxChangeContext, proposals?: DocxProposalContext): ParagraphChild {
  const bold = run.marks.some((m) => m.type === 'bold') || undefined;
  const italics = run.marks.some((m) => m.type === 'italic') || undefined;
  const link = run.marks.find((m) => m.type === 'link');
  const style = link ? 'Hyperlink' : undefined;
  const text = textRun(
    { text: run.text, bold, italics, style },
    tracked(run.change, changes, trackedProposal(run, proposals)),
    changes,
    proposals,
  );
  return link?.type === 'link' ? new ExternalHyperlink({ link: link.href, children: [text] }) : text;
}

/**
 * The proposal a clean export tracks a run as: its insertion, else its deletion. (A run marked both ways,
 * which the server never lets happen, is tracked as the insertion: rejecting it then removes the text.)
 */
function trackedProposal(run: ChangedInline, proposals?: DocxProposalContext): Tracked | undefined {
  if (!proposals || run.proposals) return undefined;
  const marks = proposalMarks(run.marks);
  const proposal = marks.find((m) => m.kind === 'insertion') ?? marks[0];
  if (!proposal) return undefined;
  return { kind: proposal.kind === 'insertion' ? 'inserted' : 'deleted', author: proposalAuthor(proposal) };
}

function tracked(
  change: InlineChange | undefined,
  changes: DocxChangeContext | undefined,
  proposal: Tracked | undefined,
): Tracked | undefined {
  if (change && changes) return { kind: change, author: changes.author };
  return proposal;
}

/**
 * A paragraph's runs as Word runs. Each bracketed passage, however many runs it spans, is "[", its runs,
 * "]" and its delegation in superscript (character style BracketTag). In a redline the brackets and the tag
 * are tracked as inserted or deleted when the whole passage is, so accepting or rejecting every change
 * still gives each side's text, brackets included.
 */
export function docxRuns(runs: readonly ChangedInline[], changes?: DocxChangeContext, proposals?: DocxProposalContext): ParagraphChild[] {
  return bracketGroups(runs).flatMap((group) => {
    const inner = fatesWithTags(group.runs, changes, proposals);
    if (group.bracket === null) return inner;
    // Brackets around a passage wholly inside one tracked proposal are part of it, so rejecting it removes them too.
    const change = tracked(groupChange(group.runs), changes, groupProposal(group.runs, proposals));
    return [
      textRun({ text: '[' }, change, changes, proposals),
      ...inner,
      textRun({ text: ']' }, change, changes, proposals),
      textRun({ text: bracketTag(group.bracket), style: BRACKET_TAG_STYLE, superScript: true }, change, changes, proposals),
    ];
  });
}

/**
 * Runs as Word runs; in a redline, where tracked changes show what changed between the versions, each
 * passage of proposals is followed by its tags ("+ United States, accepted") as small raised text (before
 * the passage's trailing space), tracked as inserted or deleted with the passage when it is wholly so.
 */
function fatesWithTags(runs: readonly ChangedInline[], changes?: DocxChangeContext, proposals?: DocxProposalContext): ParagraphChild[] {
  if (!runs.some((run) => run.proposals)) return runs.map((run) => docxInline(run, changes, proposals));
  return proposalGroups(runs, (run) => run.proposals ?? []).flatMap((group) => {
    const word = (run: ChangedInline) => docxInline(run, changes, proposals);
    if (group.proposals.length === 0) return group.runs.map(word);
    const { core, trail } = splitTrailingSpace(group.runs);
    const change = tracked(groupChange(group.runs), changes, undefined);
    const tags = group.proposals.map((p) => textRun({ text: fateTag(p), style: BRACKET_TAG_STYLE, superScript: true }, change, changes));
    return [...core.map(word), ...tags, ...trail.map(word)];
  });
}

/** The proposal every run of a passage is tracked as, when they share one (by author and kind). */
function groupProposal(runs: readonly ChangedInline[], proposals?: DocxProposalContext): Tracked | undefined {
  const each = runs.map((run) => trackedProposal(run, proposals));
  const first = each[0];
  return first && each.every((t) => t?.kind === first.kind && t.author === first.author) ? first : undefined;
}

/** A run of a clean export's own text (a clause heading, "No text") tracked as its whole clause's proposal, if any. */
export function docxClauseRun(options: IRunOptions & { text: string }, proposals?: DocxProposalContext): ParagraphChild {
  return textRun(options, proposals?.clause, undefined, proposals);
}

function textRun(
  options: IRunOptions & { text: string },
  change: Tracked | undefined,
  changes?: DocxChangeContext,
  proposals?: DocxProposalContext,
): ParagraphChild {
  const context = changes ?? proposals;
  if (!change || !context) return new TextRun(options);
  const attributes = { id: context.nextChangeId(), author: change.author, date: context.date };
  return change.kind === 'inserted'
    ? new InsertedTextRun({ ...options, ...attributes })
    : new DeletedTextRun({ ...options, ...attributes });
}

/**
 * Paragraph options that track the paragraph mark itself as inserted or deleted (`<w:pPr><w:rPr><w:ins/>`),
 * for a paragraph that exists on one side only, or one of a whole clause's proposal (`proposals.clause`):
 * accepting a deletion then removes the whole paragraph. Empty without a change or a change context.
 */
export function docxParagraphMark(
  change: InlineChange | undefined,
  changes?: DocxChangeContext,
  proposals?: DocxProposalContext,
): { run?: IParagraphRunOptions } {
  if (change && changes) return trackedMark({ kind: change, author: changes.author }, changes);
  // A paragraph of a whole clause's proposal: tracked with the clause.
  if (proposals?.clause) return trackedMark(proposals.clause, proposals);
  return {};
}

function trackedMark(change: Tracked, context: DocxChangeContext | DocxProposalContext): { run: IParagraphRunOptions } {
  const attributes = { id: context.nextChangeId(), author: change.author, date: context.date };
  return { run: change.kind === 'inserted' ? { insertion: attributes } : { deletion: attributes } };
}
