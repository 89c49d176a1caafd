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
  const pieces = paragraphPieces(runs, proposed);
  if (pieces.length === 0) return;
  const x = left(doc) + indent;
  const width = doc.page.width - doc.page.margins.right - x;
  const bodyLineHeight = doc.font('regular').fontSize(PDF_BODY_SIZE).currentLineHeight(true);
  pieces.forEach((piece, i) => {
    doc.font(piece.font).fontSize(piece.size).fillColor(piece.colour);
    // A smaller piece (a tag) gets the gap that keeps its line as high as the body's, should it wrap.
    const lineGap = 1.5 + bodyLineHeight - doc.currentLineHeight(true);
    const options = {
      width,
      align: 'left' as const,
      continued: i < pieces.length - 1,
      link: piece.href,
      underline: piece.href !== null || piece.underline === true,
      strike: piece.strike === true,
      paragraphGap: 5,
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
