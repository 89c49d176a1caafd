import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The PDF export's typeface: DejaVu Serif (Latin, Greek and Cyrillic, among others), from the
 * `dejavu-fonts-ttf` npm package, so the server needs no system fonts. Licence: Bitstream Vera licence with
 * DejaVu changes in the public domain; embedding and redistribution are allowed (see the package's LICENSE).
 * Only the glyphs a document uses are embedded (pdfkit subsets the font).
 */
export const PDF_FONT_FILES = {
  regular: 'DejaVuSerif.ttf',
  bold: 'DejaVuSerif-Bold.ttf',
  italic: 'DejaVuSerif-Italic.ttf',
  boldItalic: 'DejaVuSerif-BoldItalic.ttf',
} as const;

export type PdfFontStyle = keyof typeof PDF_FONT_FILES;

let cache: Record<PdfFontStyle, Buffer> | null = null;

/** The four font files' bytes, read once per process. */
export function pdfFonts(): Record<PdfFontStyle, Buffer> {
  if (!cache) {
    const require = createRequire(import.meta.url);
    const read = (file: string) => readFileSync(require.resolve(`dejavu-fonts-ttf/ttf/${file}`));
    cache = {
      regular: read(PDF_FONT_FILES.regular),
      bold: read(PDF_FONT_FILES.bold),
      italic: read(PDF_FONT_FILES.italic),
      boldItalic: read(PDF_FONT_FILES.boldItalic),
    };
  }
  return cache;
}

/** The font style for a run's marks. */
export function pdfFontStyle(bold: boolean, italic: boolean): PdfFontStyle {
  if (bold) return italic ? 'boldItalic' : 'bold';
  return italic ? 'italic' : 'regular';
}
