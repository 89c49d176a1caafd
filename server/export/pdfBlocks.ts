import { bracketGroups } from '../../shared/compare/bracketGroups.js';
import type { ProposalKind } from '../../shared/amendments/proposals.js';
import type { Block, Inline } from '../../shared/export/DraftText.js';
import { markProposalGroups, proposalTag, splitTrailingSpace } from '../../shared/export/proposalLabels.js';
import { bracketTag } from './clauseNotes.js';
import { pdfFontStyle, type PdfFontStyle } from './pdfFonts.js';

/** Body text size in points. */
export const PDF_BODY_SIZE = 11;
/** Indent per list level in points. */
const LIST_INDENT = 20;
const LINK_COLOUR = '#0b4a8b';
/** Size in points of a bracket's delegation tag, set high on the line like a superscript. */
const TAG_SIZE = 7;
const TAG_COLOUR = '#444444';
/** Proposed insertions (underlined) and deletions (struck through), in the HTML export's colours. */
export const PROPOSAL_COLOURS: Record<ProposalKind, string> = { insertion: '#0a5d1e', deletion: '#8b0000' };

/**
 * Writes blocks at the current position: paragraphs as left-aligned text whose runs switch font for bold and
 * italic and carry link annotations, bracketed passages as "[text]" with their delegation as a small tag;
 * proposals (amendments mode) underlined (insertions) or struck through (deletions), each passage followed
 * by its small tag, "+ United States" or "− Norway"; lists with a bullet or number hanging left of each item.
 * `indent` is the left offset from the page margin, for list nesting. `proposed` draws the text of a whole
 * clause's proposal: every run without a proposal of its own underlined (`insertion`) or struck through
 * (`deletion`) in the proposals' colours, without tags (a line under the clause's heading names the delegation).
 */
export function pdfBlocks(doc: PDFKit.PDFDocument, blocks: readonly Block[], indent = 0, proposed: ProposalKind | null = null): void {
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      pdfParagraph(doc, block.content, indent, proposed);
      continue;
    }
    block.items.forEach((item, i) => {
      const marker = block.type === 'bulletList' ? '•' : `${i + 1}.`;
      doc.font('regular').fontSize(PDF_BODY_SIZE).fillColor('black');
      // The marker must land on the page its text starts on.
      if (doc.y + 2 * doc.currentLineHeight(true) > doc.page.height - doc.page.margins.bottom) doc.addPage();
      const y = doc.y;
      doc.text(marker, left(doc) + indent, y, { width: LIST_INDENT - 4, align: 'right', lineBreak: false });
      doc.y = y;
      if (item[0]?.type !== 'paragraph') doc.moveDown(1);
      pdfBlocks(doc, item, indent + LIST_INDENT, proposed);
    });
  }
}

/** One piece of a paragraph as pdfkit sets it: text in one font, size and colour, maybe a link. */
interface Piece {
  text: string;
  font: PdfFontStyle;
  size: number;
  colour: string;
  href: string | null;
  /** Drawn under the text: a link, or a proposed insertion. */
  underline?: boolean;
  /** Drawn through the text: a proposed deletion. */
  strike?: boolean;
  /** A tag (bracket or proposal): small, set high on the line. */
  tag?: boolean;
}

function pdfParagraph(doc: PDFKit.PDFDocument, runs: readonly Inline[], indent: number, proposed: ProposalKind | null): void {
  const layout = { x: left(doc) + indent, paragraphGap: 5, lineGap: 1.5, font: 'regular', size: PDF_BODY_SIZE } as const;
  writePieces(doc, paragraphPieces(runs, proposed), layout);
}

/** How a heading holding proposals is set (pdfHeading): its size and alignment, the gap after it, and its number. */
export interface PdfHeadingStyle {
  size: number;
  align: 'left' | 'center';
  paragraphGap: number;
  /** Written before its runs ("OP1. "); '' for none. */
  prefix: string;
}

/**
 * A clause heading that holds proposals, in bold: its prefix (the clause's number), then its runs with each
 * proposal underlined or struck through and followed by its tag, as in a body. `proposed` draws the prefix and
 * every run without a proposal of its own as a whole clause's proposal, as a heading without proposals is drawn.
 */
export function pdfHeading(doc: PDFKit.PDFDocument, runs: readonly Inline[], style: PdfHeadingStyle, proposed: ProposalKind | null): void {
  const prefix = style.prefix ? [proposedPiece(runPiece({ text: style.prefix, marks: [] }), proposed ? [proposed] : [])] : [];
  const pieces = [...prefix, ...proposalPieces(runs, proposed)].map((piece): Piece =>
    piece.tag ? piece : { ...piece, font: 'bold', size: style.size },
  );
  const x = left(doc) + (style.align === 'center' ? centringOffset(doc, pieces) : 0);
  writePieces(doc, pieces, { x, paragraphGap: style.paragraphGap, lineGap: 0, font: 'bold', size: style.size });
}

/**
 * How far right pieces start to stand centred between the margins. pdfkit centres each piece of continued text
 * in the room left after the one before, not the line as a whole, so a line is centred here by its left edge;
 * a line too long to fit starts at the margin (0), wrapping as left-aligned text does.
 */
function centringOffset(doc: PDFKit.PDFDocument, pieces: readonly Piece[]): number {
  const width = doc.page.width - doc.page.margins.right - left(doc);
  const total = pieces.reduce((sum, piece) => sum + doc.font(piece.font).fontSize(piece.size).widthOfString(piece.text), 0);
  return total < width ? Math.floor((width - total) / 2) : 0;
}

/** Where and how a line of pieces is set (left-aligned): its left edge, gaps, and the font and size its lines are as high as. */
interface PiecesLayout {
  x: number;
  paragraphGap: number;
  lineGap: number;
  font: PdfFontStyle;
  size: number;
}

/** Writes pieces as one paragraph at the current height, from `layout.x` to the right margin; nothing for none. */
function writePieces(doc: PDFKit.PDFDocument, pieces: readonly Piece[], layout: PiecesLayout): void {
  if (pieces.length === 0) return;
  const { x } = layout;
  const width = doc.page.width - doc.page.margins.right - x;
  const lineHeight = doc.font(layout.font).fontSize(layout.size).currentLineHeight(true);
  pieces.forEach((piece, i) => {
    doc.font(piece.font).fontSize(piece.size).fillColor(piece.colour);
    // A smaller piece (a tag) gets the gap that keeps its line as high as the others, should it wrap.
    const lineGap = layout.lineGap + lineHeight - doc.currentLineHeight(true);
    const options = {
      width,
      align: 'left' as const,
      continued: i < pieces.length - 1,
      link: piece.href,
      underline: piece.href !== null || piece.underline === true,
      strike: piece.strike === true,
      paragraphGap: layout.paragraphGap,
      lineGap,
    };
    if (i === 0) doc.text(piece.text, x, doc.y, options);
    else doc.text(piece.text, options);
  });
  doc.fontSize(PDF_BODY_SIZE).fillColor('black');
}

/**
 * A paragraph's runs as pieces. A bracketed passage gets "[" and "]" on its first and last run (so a line
 * never breaks between a bracket and its text) and then its delegation as a small tag set at the top of the
 * line, like a superscript, with no-break spaces so the tag never splits.
 */
function paragraphPieces(runs: readonly Inline[], proposed: ProposalKind | null): Piece[] {
  return bracketGroups(runs).flatMap((group) => {
    const pieces = proposalPieces(group.runs, proposed);
    if (group.bracket === null) return pieces;
    const first = pieces[0]!;
    const last = pieces[pieces.length - 1]!;
    first.text = `[${first.text}`;
    // After a proposal's tag the bracket closes at body size.
    if (last.tag) pieces.push({ text: ']', font: 'regular', size: PDF_BODY_SIZE, colour: 'black', href: null });
    else last.text = `${last.text}]`;
    return [...pieces, tagPiece(bracketTag(group.bracket))];
  });
}

/**
 * Runs as pieces, each proposal's passage underlined or struck through and followed by its tag (before any
 * trailing space); with `proposed` (a whole clause's proposal), the other runs drawn as that kind, untagged.
 */
function proposalPieces(runs: readonly Inline[], proposed: ProposalKind | null): Piece[] {
  return markProposalGroups(runs).flatMap((group) => {
    if (group.proposals.length === 0) return group.runs.map((run) => proposedPiece(runPiece(run), proposed ? [proposed] : []));
    const kinds = group.proposals.map((p) => p.kind);
    const marked = (run: Inline): Piece => proposedPiece(runPiece(run), kinds);
    const { core, trail } = splitTrailingSpace(group.runs);
    return [...core.map(marked), ...group.proposals.map((p) => tagPiece(proposalTag(p))), ...trail.map(marked)];
  });
}

/** A piece drawn as proposed text: underlined for an insertion, struck through for a deletion, in their colours; as is for none. */
function proposedPiece(piece: Piece, kinds: readonly ProposalKind[]): Piece {
  if (kinds.length === 0) return piece;
  const deletion = kinds.includes('deletion');
  return {
    ...piece,
    colour: PROPOSAL_COLOURS[deletion ? 'deletion' : 'insertion'],
    underline: kinds.includes('insertion'),
    strike: deletion,
  };
}

/** A delegation's tag: small, grey, with no-break spaces so it never splits. */
function tagPiece(text: string): Piece {
  return { text: text.replace(/ /g, '\u00A0'), font: 'regular', size: TAG_SIZE, colour: TAG_COLOUR, href: null, tag: true };
}

function runPiece(run: Inline): Piece {
  const bold = run.marks.some((m) => m.type === 'bold');
  const italic = run.marks.some((m) => m.type === 'italic');
  const link = run.marks.find((m) => m.type === 'link');
  const href = link?.type === 'link' ? link.href : null;
  return { text: run.text, font: pdfFontStyle(bold, italic), size: PDF_BODY_SIZE, colour: href ? LINK_COLOUR : 'black', href };
}

function left(doc: PDFKit.PDFDocument): number {
  return doc.page.margins.left;
}
