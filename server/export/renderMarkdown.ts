import type { Block, ClauseText, DraftText, ListBlock } from '../../shared/export/DraftText.js';
import { clauseMetaLine, NO_TEXT, positionsLine } from './clauseNotes.js';
import type { ProposalKind } from '../../shared/amendments/proposals.js';
import { CLAUSE_PROPOSAL_TEXT, clauseProposalLine, clauseTextProposal, hasProposals } from '../../shared/export/proposalLabels.js';
import { clauseTitle } from './clauseTitle.js';
import { criticMarkup, escapeMarkdown, markdownLine } from './markdownText.js';
import { MARKDOWN_PROPOSALS_NOTE } from './proposalNotes.js';
import { displayTitle, versionLine } from './versionLine.js';

/**
 * The draft as CommonMark: `#` title, the version line in italics, `##` section headings, `###` clause
 * headings ("### OP1. Consider human rights"), paragraphs and nested lists. All text is escaped, so nothing
 * a drafter typed can turn into markup, HTML or a link. Ends with one newline.
 *
 * The negotiation (see clauseNotes): bracketed text as `\[text\] (*Norway*)` (markdownLine); under a clause
 * heading an italic line with its option label and status; a "no text" option's body as `*No text*`; after
 * the body an italic line of positions.
 *
 * Proposals (amendments mode) in CriticMarkup, `{++text++}{>>United States<<}` and `{--text--}{>>Norway<<}`
 * (markdownLine); a text holding any explains it in a quoted note under the version line. A whole clause's
 * proposal is an italic line under its heading ("*Proposed new clause — United States*"), its heading's text
 * and each passage of its text without a proposal of its own in `{++…++}` (or `{--…--}`). Proposals in a
 * heading are written as in a body, after its number: `### OP1. {++Periodic ++}{>>United States<<}Licence`.
 */
export function renderMarkdown(draft: DraftText): string {
  const parts = [`# ${escapeMarkdown(displayTitle(draft))}`, `*${escapeMarkdown(versionLine(draft))}*`];
  // The note is this module's own text, written as is so its CriticMarkup examples read as they are meant.
  if (hasProposals(draft)) parts.push(`> ${MARKDOWN_PROPOSALS_NOTE}`);
  for (const clause of draft.clauses) parts.push(...clauseParts(clause));
  return `${parts.join('\n\n')}\n`;
}

function clauseParts(clause: ClauseText): string[] {
  const proposal = clauseTextProposal(clause);
  const proposed = proposal ? CLAUSE_PROPOSAL_TEXT[proposal.kind] : null;
  const title = headingMarkdown(clause, proposed);
  const heading = title ? [`${clause.kind === 'section' ? '##' : '###'} ${title}`] : [];
  const lines = (clause.proposals ?? []).map((p) => italicLine(clauseProposalLine(p)));
  const meta = clauseMetaLine(clause);
  const positions = positionsLine(clause);
  const noText = proposed ? `*${criticMarkup(NO_TEXT, proposed)}*` : italicLine(NO_TEXT);
  const body = clause.noText ? [noText] : blockChunks(clause.blocks, proposed).map((chunk) => chunk.text);
  return [...heading, ...lines, ...(meta ? [italicLine(meta)] : []), ...body, ...(positions ? [italicLine(positions)] : [])];
}

/**
 * A clause's heading line, escaped ("OP1. Consider human rights"); a whole clause's proposal marks its heading's
 * text, and proposals in the heading are CriticMarkup as in a body (markdownLine).
 */
function headingMarkdown(clause: ClauseText, proposed: ProposalKind | null): string {
  if (clause.headingContent) {
    const heading = markdownLine(clause.headingContent, proposed);
    return clause.number === null ? heading : `${escapeMarkdown(clause.number)}. ${heading}`;
  }
  if (!proposed || !clause.heading) return escapeMarkdown(clauseTitle(clause));
  const heading = criticMarkup(escapeMarkdown(clause.heading), proposed);
  return clause.number === null ? heading : `${escapeMarkdown(clause.number)}. ${heading}`;
}

/** One line of plain text in italics (the text starts with a letter, so the emphasis always opens). */
function italicLine(text: string): string {
  return `*${escapeMarkdown(text)}*`;
}

interface Chunk {
  text: string;
  isList: boolean;
}

/** Each block as one chunk of Markdown (empty paragraphs give none). */
function blockChunks(blocks: readonly Block[], proposed: ProposalKind | null): Chunk[] {
  const chunks: Chunk[] = [];
  let previous: Block | undefined;
  for (const block of blocks) {
    if (block.type === 'paragraph') {
      const line = markdownLine(block.content, proposed);
      if (line) chunks.push({ text: line, isList: false });
    } else {
      // Two lists of one type in a row would merge into one; a different marker keeps them apart.
      chunks.push({ text: listMarkdown(block, previous?.type === block.type ? 1 : 0, proposed), isList: true });
    }
    previous = block;
  }
  return chunks;
}

const MARKERS: Record<ListBlock['type'], [string, string]> = { bulletList: ['-', '*'], orderedList: ['.', ')'] };

function listMarkdown(list: ListBlock, variant: 0 | 1, proposed: ProposalKind | null): string {
  const marker = MARKERS[list.type][variant];
  return list.items
    .map((item, i) => {
      const bullet = list.type === 'bulletList' ? marker : `${i + 1}${marker}`;
      const indent = ' '.repeat(bullet.length + 1);
      const body = itemMarkdown(item, proposed).replace(/\n(?=.)/g, `\n${indent}`);
      return body ? `${bullet} ${body}` : bullet;
    })
    .join('\n');
}

/** An item's blocks: a paragraph then a nested list on the next line (tight); two paragraphs need a blank line. */
function itemMarkdown(blocks: readonly Block[], proposed: ProposalKind | null): string {
  return blockChunks(blocks, proposed)
    .map((chunk, i) => (i === 0 ? '' : chunk.isList ? '\n' : '\n\n') + chunk.text)
    .join('');
}
