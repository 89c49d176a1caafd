import type { Block, Inline } from '../../shared/export/DraftText.js';
import { pdfFontStyle } from './pdfFonts.js';

/** Body text size in points. */
export const PDF_BODY_SIZE = 11;
/** Indent per list level in points. */
const LIST_INDENT = 20;
const LINK_COLOUR = '#0b4a8b';

/**
 * Writes blocks at the current position: paragraphs as left-aligned text whose runs switch font for bold and
 * italic and carry link annotations; lists with a bullet or number hanging left of each item.
 * `indent` is the left offset from the page margin, for list nesting.
 */
export function pdfBlocks(doc: PDFKit.PDFDocument, blocks: readonly Block[], indent = 0): void {
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      pdfParagraph(doc, block.content, indent);
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
      pdfBlocks(doc, item, indent + LIST_INDENT);
    });
  }
}

function pdfParagraph(doc: PDFKit.PDFDocument, runs: readonly Inline[], indent: number): void {
  if (runs.length === 0) return;
  const x = left(doc) + indent;
  const width = doc.page.width - doc.page.margins.right - x;
  doc.fontSize(PDF_BODY_SIZE);
  runs.forEach((run, i) => {
    const bold = run.marks.some((m) => m.type === 'bold');
    const italic = run.marks.some((m) => m.type === 'italic');
    const link = run.marks.find((m) => m.type === 'link');
    const href = link?.type === 'link' ? link.href : null;
    doc.font(pdfFontStyle(bold, italic)).fillColor(href ? LINK_COLOUR : 'black');
    const options = { width, align: 'left' as const, continued: i < runs.length - 1, link: href, underline: href !== null, paragraphGap: 5, lineGap: 1.5 };
    if (i === 0) doc.text(run.text, x, doc.y, options);
    else doc.text(run.text, options);
  });
  doc.fillColor('black');
}

function left(doc: PDFKit.PDFDocument): number {
  return doc.page.margins.left;
}
