import {
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  HeadingLevel,
  Paragraph,
  TextRun,
  type ICommentOptions,
  type ParagraphChild,
} from 'docx';
import type { ClauseComparison, DraftComparison } from '../../../shared/compare/DraftComparison.js';
import { clauseFateLine, comparisonHasProposals } from '../../../shared/compare/proposalFates.js';
import { docxBlocks, type DocxBlockContext } from '../docxBlocks.js';
import { docxInline, docxParagraphMark, docxRuns, type DocxChangeContext } from '../docxInline.js';
import { CLAUSE_META_STYLE } from '../docxStyles.js';
import { docxHeadingLevel, packDocx } from '../renderDocx.js';
import { displayTitle } from '../versionLine.js';
import { changedBlocks } from './changedBlocks.js';
import { clauseChangeLabel } from './clauseChangeLabel.js';
import { REDLINE_AUTHOR, REDLINE_PROPOSALS_NOTE, redlineSummary, redlineVersionLine } from './redlineDescription.js';
import { changeDate, type RedlineSides } from './RedlineSides.js';
import { clauseTitleRuns, textRedline } from './redlineTitles.js';

/** What the redline tells a Word user under its title. */
export const DOCX_REDLINE_NOTE =
  'Insertions and deletions are Word tracked changes: accept or reject them on the Review tab. Comments mark added, removed and moved clauses.';

/**
 * A redline as a Word document of real tracked changes (<w:ins>/<w:del>, paragraph marks included, so
 * accepting every change gives the newer text and rejecting every change the older one), attributed to
 * the secretariat and dated from the later side. Added, removed and moved clauses carry a Word comment
 * with their numbers; Track Changes is on for whoever edits next. Styles, lists, A4 pages and the footer
 * are the clean export's; the same comparison of two versions gives the same bytes. Proposals (amendments
 * mode) are not tracked changes here, where tracked changes are the secretariat's differences between the
 * texts: each passage is followed by a small tag with its delegation and fate ("+ United States, accepted"),
 * and a whole clause's proposals are lines under its heading ("Proposed new clause — United States, accepted").
 */
export async function renderRedlineDocx(comparison: DraftComparison, sides: RedlineSides): Promise<Uint8Array> {
  const date = changeDate(sides);
  let id = 0;
  let listInstance = 0;
  const changes: DocxChangeContext = { author: REDLINE_AUTHOR, date, nextChangeId: () => (id += 1) };
  const context: DocxBlockContext = { nextListInstance: () => (listInstance += 1), changes };
  const comments: ICommentOptions[] = [];
  const title = textRedline(displayTitle(sides.from), displayTitle(sides.to)).map((run) => docxInline(run, changes));
  const note = [
    redlineVersionLine(sides),
    redlineSummary(comparison.summary),
    DOCX_REDLINE_NOTE,
    ...(comparisonHasProposals(comparison) ? [REDLINE_PROPOSALS_NOTE] : []),
  ];
  const children = [
    new Paragraph({ heading: HeadingLevel.TITLE, children: title }),
    new Paragraph({ style: 'VersionLine', children: note.map((text, i) => new TextRun({ text, break: i === 0 ? undefined : 1 })) }),
    ...comparison.clauses.flatMap((clause) => clauseParagraphs(clause, sides, context, comments)),
  ];
  return packDocx({ title: displayTitle(sides.to), subject: redlineVersionLine(sides), date, children, comments, trackRevisions: true });
}

function clauseParagraphs(
  clause: ClauseComparison,
  sides: RedlineSides,
  context: DocxBlockContext,
  comments: ICommentOptions[],
): Paragraph[] {
  const changes = context.changes!;
  const kind = (clause.to ?? clause.from)?.kind ?? 'operative';
  // As a body's runs, so proposals in a heading are tagged with their fates.
  let runs: ParagraphChild[] = docxRuns(clauseTitleRuns(clause), changes);
  const label = clauseChangeLabel(clause, sides);
  if (label) {
    const id = changes.nextChangeId();
    comments.push({ id, author: REDLINE_AUTHOR, initials: 'S', date: new Date(changes.date), children: [new Paragraph(label.text)] });
    runs = [new CommentRangeStart(id), ...runs, new CommentRangeEnd(id), new TextRun({ children: [new CommentReference(id)] })];
  }
  const whole = clause.change === 'added' ? 'inserted' : clause.change === 'removed' ? 'deleted' : undefined;
  const heading =
    runs.length > 0 ? [new Paragraph({ heading: docxHeadingLevel(kind), ...docxParagraphMark(whole, changes), children: runs })] : [];
  // A whole clause's proposals, with their fates, as notes under the heading (not tracked: they describe the change).
  const proposals = (clause.proposals ?? []).map(
    (p) => new Paragraph({ style: CLAUSE_META_STYLE, children: [new TextRun(clauseFateLine(p))] }),
  );
  return [...heading, ...proposals, ...docxBlocks(changedBlocks(clause.paragraphs), context)];
}
