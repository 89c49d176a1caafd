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
 * One run as a Word run: bold, italic, a hyperlink (href already checked by safeHref) styled as Word's
 * Hyperlink, and, when the run is marked as changed, a real tracked insertion or deletion.
 */
export function docxInline(run: ChangedInline, changes?: DocxChangeContext): ParagraphChild {
  const bold = run.marks.some((m) => m.type === 'bold') || undefined;
  const italics = run.marks.some((m) => m.type === 'italic') || undefined;
  const link = run.marks.find((m) => m.type === 'link');
  const style = link ? 'Hyperlink' : undefined;
  const text = textRun({ text: run.text, bold, italics, style }, run.change, changes);
  return link?.type === 'link' ? new ExternalHyperlink({ link: link.href, children: [text] }) : text;
}

/**
 * A paragraph's runs as Word runs. Each bracketed passage, however many runs it spans, is "[", its runs,
 * "]" and its delegation in superscript (character style BracketTag). In a redline the brackets and the tag
 * are tracked as inserted or deleted when the whole passage is, so accepting or rejecting every change
 * still gives each side's text, brackets included.
 */
export function docxRuns(runs: readonly ChangedInline[], changes?: DocxChangeContext): ParagraphChild[] {
  return bracketGroups(runs).flatMap((group) => {
    const inner = group.runs.map((run) => docxInline(run, changes));
    if (group.bracket === null) return inner;
    const change = groupChange(group.runs);
    return [
      textRun({ text: '[' }, change, changes),
      ...inner,
      textRun({ text: ']' }, change, changes),
      textRun({ text: bracketTag(group.bracket), style: BRACKET_TAG_STYLE, superScript: true }, change, changes),
    ];
  });
}

function textRun(options: IRunOptions & { text: string }, change: InlineChange | undefined, changes?: DocxChangeContext): ParagraphChild {
  if (!change || !changes) return new TextRun(options);
  const attributes = { id: changes.nextChangeId(), author: changes.author, date: changes.date };
  return change === 'inserted' ? new InsertedTextRun({ ...options, ...attributes }) : new DeletedTextRun({ ...options, ...attributes });
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
