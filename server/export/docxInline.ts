import { DeletedTextRun, ExternalHyperlink, InsertedTextRun, TextRun, type IParagraphRunOptions, type ParagraphChild } from 'docx';
import type { ChangedInline, InlineChange } from './InlineChange.js';

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
 * One run as a Word run: bold, italic, a hyperlink (href already checked by safeHref) styled as Word's
 * Hyperlink, and, when the run is marked as changed, a real tracked insertion or deletion.
 */
export function docxInline(run: ChangedInline, changes?: DocxChangeContext): ParagraphChild {
  const bold = run.marks.some((m) => m.type === 'bold') || undefined;
  const italics = run.marks.some((m) => m.type === 'italic') || undefined;
  const link = run.marks.find((m) => m.type === 'link');
  const style = link ? 'Hyperlink' : undefined;
  const options = { text: run.text, bold, italics, style };
  let text: ParagraphChild;
  if (run.change && changes) {
    const change = { id: changes.nextChangeId(), author: changes.author, date: changes.date };
    text = run.change === 'inserted' ? new InsertedTextRun({ ...options, ...change }) : new DeletedTextRun({ ...options, ...change });
  } else {
    text = new TextRun(options);
  }
  return link?.type === 'link' ? new ExternalHyperlink({ link: link.href, children: [text] }) : text;
}

/**
 * Paragraph options that track the paragraph mark itself as inserted or deleted (`<w:pPr><w:rPr><w:ins/>`),
 * for a paragraph that exists on one side only: accepting a deletion then removes the whole paragraph.
 * Empty without a change or a change context.
 */
export function docxParagraphMark(change: InlineChange | undefined, changes?: DocxChangeContext): { run?: IParagraphRunOptions } {
  if (!change || !changes) return {};
  const attributes = { id: changes.nextChangeId(), author: changes.author, date: changes.date };
  return { run: change === 'inserted' ? { insertion: attributes } : { deletion: attributes } };
}
