import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  Packer,
  PageNumber,
  Paragraph,
  TextRun,
  type ICommentOptions,
  type ParagraphChild,
} from 'docx';
import type { ClauseText, DraftText } from '../../shared/export/DraftText.js';
import { clauseMetaLine, NO_TEXT, positionsLine } from './clauseNotes.js';
import { clauseTitle } from './clauseTitle.js';
import { clauseTextProposal, hasProposals, runsWithClauseProposal, withClauseProposal } from '../../shared/export/proposalLabels.js';
import { docxBlocks, type DocxBlockContext } from './docxBlocks.js';
import { docxClauseRun, docxParagraphMark, docxRuns, proposalAuthor } from './docxInline.js';
import { CLAUSE_META_STYLE, DOCX_NUMBERING, DOCX_STYLES, POSITIONS_STYLE } from './docxStyles.js';
import { normalizeDocxPackage } from './normalizeDocxPackage.js';
import { DOCX_PROPOSALS_NOTE } from './proposalNotes.js';
import { displayTitle, versionLine } from './versionLine.js';

/** Written as the document's creator in its properties. */
export const DOCX_CREATOR = 'Code of conduct drafting platform';

/** A4 in twips, with 2.5 cm margins. */
const A4 = { width: 11906, height: 16838 };
const MARGIN = 1418;

/**
 * The draft as a Word document: Title style for the title, the version line under it, sections as Heading 1,
 * clauses as Heading 2 with their number ("OP1. Consider human rights"), bold, italic, hyperlinks, and lists
 * as Word lists; A4 pages with "Page N of M" in the footer. The same DraftText gives the same bytes: the
 * package is rewritten with fixed dates and ids (normalizeDocxPackage).
 *
 * The negotiation (see clauseNotes): bracketed text as "[text]" with its delegation in superscript (docxRuns);
 * under a clause heading a "Clause status" paragraph with its option label and status; a "no text" option's
 * body as "No text" in italics; after the body a "Clause positions" paragraph.
 *
 * Proposals (amendments mode) are real Word tracked changes (<w:ins>, <w:del> with <w:delText>), each
 * authored by the proposing delegation's name (w:author="Norway") and dated from the version, so Word and
 * LibreOffice show, filter, accept and reject them by delegation; a text holding any says so in a note
 * under the version line (DOCX_PROPOSALS_NOTE). A proposal on a whole clause tracks its heading and
 * paragraphs, paragraph marks included, as inserted or deleted by the delegation (passages proposed within it
 * keep their own proposer), so accepting or rejecting it adds or removes whole paragraphs. Proposals in a
 * heading are tracked changes by their delegation as in a body (headingRuns).
 */
export async function renderDocx(draft: DraftText): Promise<Uint8Array> {
  let listInstance = 0;
  let changeId = 0;
  const context: DocxBlockContext = {
    nextListInstance: () => (listInstance += 1),
    proposals: { date: wordDate(draft.date), nextChangeId: () => (changeId += 1) },
  };
  const title = displayTitle(draft);
  const note = hasProposals(draft) ? [new Paragraph({ style: CLAUSE_META_STYLE, children: [new TextRun(DOCX_PROPOSALS_NOTE)] })] : [];
  return packDocx({
    title,
    subject: versionLine(draft),
    date: draft.date,
    children: [
      new Paragraph({ heading: HeadingLevel.TITLE, children: [new TextRun(title)] }),
      new Paragraph({ style: 'VersionLine', children: [new TextRun(versionLine(draft))] }),
      ...note,
      ...draft.clauses.flatMap((clause) => clauseParagraphs(clause, context)),
    ],
  });
}

/** A date as Word writes those of tracked changes, to the second: "2025-03-01T14:05:09Z". */
export function wordDate(isoDate: string): string {
  return `${new Date(isoDate).toISOString().slice(0, 19)}Z`;
}

/** A Word document's body and properties, for packDocx. */
export interface DocxParts {
  /** The document's title property. */
  title: string;
  /** The subject property (the version line). */
  subject: string;
  /** ISO 8601 date the package is stamped with (the version's, never the clock). */
  date: string;
  children: Paragraph[];
  /** Word comments the body refers to (the redline labels clauses with them). @default none */
  comments?: ICommentOptions[];
  /** Turns on Word's Track Changes for whoever edits the file next. @default false */
  trackRevisions?: boolean;
}

/**
 * Packs a body into a .docx with the export's styles, list numbering, A4 pages and "Page N of M" footer,
 * then makes the bytes depend on the content only (normalizeDocxPackage).
 */
export async function packDocx(parts: DocxParts): Promise<Uint8Array> {
  const document = new Document({
    title: parts.title,
    subject: parts.subject,
    creator: DOCX_CREATOR,
    lastModifiedBy: DOCX_CREATOR,
    styles: DOCX_STYLES,
    numbering: DOCX_NUMBERING,
    ...(parts.comments ? { comments: { children: parts.comments } } : {}),
    ...(parts.trackRevisions ? { features: { trackRevisions: true } } : {}),
    sections: [
      {
        properties: { page: { size: A4, margin: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN } } },
        footers: { default: pageNumberFooter() },
        children: parts.children,
      },
    ],
  });
  const bytes = await Packer.toBuffer(document);
  return normalizeDocxPackage(new Uint8Array(bytes), parts.date);
}

/** Sections are Heading 1, clauses Heading 2. */
export function docxHeadingLevel(kind: ClauseText['kind']): (typeof HeadingLevel)[keyof typeof HeadingLevel] {
  return kind === 'section' ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2;
}

function clauseParagraphs(clause: ClauseText, clean: DocxBlockContext): Paragraph[] {
  const context = clauseContext(clause, clean);
  const { proposals } = context;
  const title = clauseTitle(clause);
  const headings = title
    ? [
        new Paragraph({
          heading: docxHeadingLevel(clause.kind),
          ...docxParagraphMark(undefined, undefined, proposals),
          children: headingRuns(clause, title, context),
        }),
      ]
    : [];
  const meta = clauseMetaLine(clause);
  const positions = positionsLine(clause);
  const proposal = clauseTextProposal(clause);
  const body = clause.noText
    ? [
        new Paragraph({
          ...docxParagraphMark(undefined, undefined, proposals),
          children: [docxClauseRun({ text: NO_TEXT, italics: true }, proposals)],
        }),
      ]
    : docxBlocks(proposal ? withClauseProposal(clause.blocks, proposal) : clause.blocks, context);
  return [
    ...headings,
    ...(meta ? [new Paragraph({ style: CLAUSE_META_STYLE, children: [new TextRun(meta)] })] : []),
    ...body,
    ...(positions ? [new Paragraph({ style: POSITIONS_STYLE, children: [new TextRun(positions)] })] : []),
  ];
}

/**
 * A clause heading's runs: its title as one run (tracked as its whole clause's proposal, if any), or, for a
 * heading holding proposals, its number then its runs, each proposal a tracked change by its delegation and
 * the other runs tracked as the whole clause's proposal, if any, as in its text.
 */
function headingRuns(clause: ClauseText, title: string, context: DocxBlockContext): ParagraphChild[] {
  const { proposals } = context;
  if (!clause.headingContent) return [docxClauseRun({ text: title }, proposals)];
  const proposal = clauseTextProposal(clause);
  const runs = proposal ? runsWithClauseProposal(clause.headingContent, proposal) : clause.headingContent;
  const number = clause.number === null ? [] : [docxClauseRun({ text: `${clause.number}. ` }, proposals)];
  return [...number, ...docxRuns(runs, undefined, proposals)];
}

/**
 * The context a clause is written in: for a whole clause's proposal (clauseTextProposal), its heading, its
 * paragraph marks and every run without a proposal of its own are tracked as inserted or deleted by the delegation.
 */
function clauseContext(clause: ClauseText, context: DocxBlockContext): DocxBlockContext {
  const proposal = clauseTextProposal(clause);
  if (!proposal || !context.proposals) return context;
  const kind = proposal.kind === 'clause-insertion' ? 'inserted' : 'deleted';
  return { ...context, proposals: { ...context.proposals, clause: { kind, author: proposalAuthor(proposal) } } };
}

function pageNumberFooter(): Footer {
  return new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ['Page ', PageNumber.CURRENT, ' of ', PageNumber.TOTAL_PAGES], size: 18 })],
      }),
    ],
  });
}
