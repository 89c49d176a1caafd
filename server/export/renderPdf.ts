import PDFDocument from 'pdfkit';
import type { ClauseText, DraftText } from '../../shared/export/DraftText.js';
import { clauseMetaLine, NO_TEXT, positionsLine } from './clauseNotes.js';
import { CLAUSE_PROPOSAL_TEXT, clauseProposalLine, clauseTextProposal, hasProposals } from '../../shared/export/proposalLabels.js';
import { clauseTitle } from './clauseTitle.js';
import { PDF_BODY_SIZE, pdfBlocks, pdfHeading, PROPOSAL_COLOURS } from './pdfBlocks.js';
import { pdfFonts } from './pdfFonts.js';
import { PROPOSALS_NOTE } from './proposalNotes.js';
import { displayTitle, versionLine } from './versionLine.js';

/** Written as the PDF's Creator and Producer, instead of a library name and version that would change the bytes on upgrade. */
export const PDF_PRODUCER = 'Code of conduct drafting platform';

/** Size in points of the negotiation lines under a clause heading and after its body. */
const PDF_NOTE_SIZE = 9.5;

/** Page margins in points (2 cm). */
const MARGIN = 57;

/**
 * The draft as an A4 PDF: a title block (title, version line, rule), section headings, clause headings with
 * their number, paragraphs with bold, italic and links, lists, and "Page N of M" centred at the
 * foot of every page. The negotiation (see clauseNotes): bracketed text as "[text]" with its delegation as a
 * small raised tag; under a clause heading a small italic line with its option label and status; a "no text"
 * option's body as "No text" in italics; after the body a small italic line of positions. Proposals
 * (amendments mode) underlined or struck through with their delegation's tag (pdfBlocks), explained under
 * the version line when the text holds any (PROPOSALS_NOTE); a whole clause's proposal as a small bold line
 * under its heading ("Proposed new clause — United States"), its heading and text underlined or struck through;
 * proposals in a heading drawn and tagged as in a body (pdfHeading).
 * Text is set in DejaVu Serif, embedded as a subset, so Latin, Greek and Cyrillic render
 * and extract anywhere. The info dictionary's dates and the file ID come from the version's date, so the
 * same DraftText gives the same bytes.
 */
export function renderPdf(draft: DraftText): Promise<Uint8Array> {
  const date = new Date(draft.date);
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: MARGIN, bottom: MARGIN, left: MARGIN, right: MARGIN },
    bufferPages: true,
    pdfVersion: '1.7',
    lang: 'en',
    displayTitle: true,
    info: {
      Title: displayTitle(draft),
      Subject: versionLine(draft),
      Creator: PDF_PRODUCER,
      Producer: PDF_PRODUCER,
      CreationDate: date,
      ModDate: date,
    },
  });
  const done = collect(doc);
  for (const [style, bytes] of Object.entries(pdfFonts())) doc.registerFont(style, bytes);
  titleBlock(doc, draft);
  for (const clause of draft.clauses) clauseBlock(doc, clause);
  pageNumbers(doc);
  doc.end();
  return done;
}

function titleBlock(doc: PDFKit.PDFDocument, draft: DraftText): void {
  const width = doc.page.width - 2 * MARGIN;
  doc.font('bold').fontSize(18).text(displayTitle(draft), MARGIN, MARGIN, { width, align: 'center' });
  doc.moveDown(0.3);
  doc.font('italic').fontSize(11).text(versionLine(draft), { width, align: 'center' });
  if (hasProposals(draft)) {
    doc.moveDown(0.5);
    doc.font('regular').fontSize(PDF_NOTE_SIZE).fillColor('#333333').text(PROPOSALS_NOTE, { width, align: 'left' });
    doc.fillColor('black');
  }
  doc.moveDown(0.6);
  doc
    .moveTo(MARGIN, doc.y)
    .lineTo(doc.page.width - MARGIN, doc.y)
    .lineWidth(0.5)
    .strokeColor('#888888')
    .stroke();
  doc.moveDown(1.2);
}

function clauseBlock(doc: PDFKit.PDFDocument, clause: ClauseText): void {
  const title = clauseTitle(clause);
  const width = doc.page.width - 2 * MARGIN;
  const proposal = clauseTextProposal(clause);
  const proposed = proposal ? CLAUSE_PROPOSAL_TEXT[proposal.kind] : null;
  // A whole clause's proposal: its heading and text underlined or struck through in the proposals' colours.
  const drawn = proposed
    ? { underline: proposed === 'insertion', strike: proposed === 'deletion', colour: PROPOSAL_COLOURS[proposed] }
    : { underline: false, strike: false, colour: 'black' };
  if (title) {
    const section = clause.kind === 'section';
    // Keep a heading with the first lines of its text: start a new page when little room is left.
    if (doc.y > doc.page.height - MARGIN - 80) doc.addPage();
    doc.moveDown(section ? 1 : 0.6);
    const size = section ? 13 : PDF_BODY_SIZE + 0.5;
    const align = section ? 'center' : 'left';
    if (clause.headingContent) {
      const prefix = clause.number === null ? '' : `${clause.number}. `;
      pdfHeading(doc, clause.headingContent, { size, align, paragraphGap: 4, prefix }, proposed);
    } else {
      doc.font('bold').fontSize(size).fillColor(drawn.colour);
      doc.text(title, MARGIN, doc.y, { width, align, paragraphGap: 4, underline: drawn.underline, strike: drawn.strike });
    }
    doc.fillColor('black');
  }
  for (const p of clause.proposals ?? []) proposalLine(doc, clauseProposalLine(p));
  const meta = clauseMetaLine(clause);
  if (meta) noteLine(doc, meta, 3);
  if (clause.noText) {
    doc.font('italic').fontSize(PDF_BODY_SIZE).fillColor(drawn.colour);
    doc.text(NO_TEXT, MARGIN, doc.y, { width, paragraphGap: 5, underline: drawn.underline, strike: drawn.strike });
    doc.fillColor('black');
  } else {
    pdfBlocks(doc, clause.blocks, 0, proposed);
  }
  const positions = positionsLine(clause);
  if (positions) noteLine(doc, positions, 6);
}

/** The line naming a whole clause's proposal ("Proposed new clause — United States"): small, bold, dark grey. */
function proposalLine(doc: PDFKit.PDFDocument, text: string): void {
  doc.font('bold').fontSize(PDF_NOTE_SIZE).fillColor('#333333');
  doc.text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN, paragraphGap: 3, lineGap: 1 });
  doc.fillColor('black');
}

/** A negotiation line (option and status, or positions): small, italic, dark grey. */
function noteLine(doc: PDFKit.PDFDocument, text: string, gap: number): void {
  doc.font('italic').fontSize(PDF_NOTE_SIZE).fillColor('#333333');
  doc.text(text, MARGIN, doc.y, { width: doc.page.width - 2 * MARGIN, paragraphGap: gap, lineGap: 1 });
  doc.fillColor('black');
}

/** "Page N of M" on every page, written once the page count is known (pages are buffered). */
function pageNumbers(doc: PDFKit.PDFDocument): void {
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i += 1) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('regular').fontSize(9).fillColor('#444444');
    doc.text(`Page ${i + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN / 2 - 6, {
      width: doc.page.width - 2 * MARGIN,
      align: 'center',
      lineBreak: false,
    });
    doc.page.margins.bottom = bottom;
  }
}

function collect(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
  });
}
