import type { Block, Inline } from '../../shared/export/DraftText.js';
import { escapeXml } from './escapeXml.js';

/** Runs as Akoma Ntoso inline markup: <b>, <i> and <a href> (already checked by safeHref), text escaped. */
export function aknInlines(runs: readonly Inline[]): string {
  return runs
    .map((run) => {
      let xml = escapeXml(run.text);
      if (run.marks.some((m) => m.type === 'italic')) xml = `<i>${xml}</i>`;
      if (run.marks.some((m) => m.type === 'bold')) xml = `<b>${xml}</b>`;
      const link = run.marks.find((m) => m.type === 'link');
      if (link?.type === 'link') xml = `<a href="${escapeXml(link.href)}">${xml}</a>`;
      return xml;
    })
    .join('');
}

/**
 * Blocks as Akoma Ntoso block elements: <p>, and lists as <blockList class="bulletList|orderedList"> whose
 * <item>s hold their blocks (ordered items numbered in <num>). A clause with no blocks gets one empty <p>,
 * since AKN content models need at least one block.
 */
export function aknBlocks(blocks: readonly Block[], indent: string): string {
  if (blocks.length === 0) return `${indent}<p/>`;
  return blocks.map((block) => aknBlock(block, indent)).join('\n');
}

function aknBlock(block: Block, indent: string): string {
  if (block.type === 'paragraph') return `${indent}<p>${aknInlines(block.content)}</p>`;
  const items = block.items.map((item, i) => {
    const num = block.type === 'orderedList' ? `<num>${i + 1}.</num>` : '';
    return `${indent}  <item>${num}\n${aknBlocks(item, `${indent}    `)}\n${indent}  </item>`;
  });
  return `${indent}<blockList class="${block.type}">\n${items.join('\n')}\n${indent}</blockList>`;
}
