import { escapeXml } from './escapeXml.js';
import type { ChangedBlock, ChangedInline } from './InlineChange.js';

/**
 * One run as HTML: escaped text inside <em>, <strong>, a link (href already checked by safeHref, escaped
 * again here; opens nothing and sends no referrer), and <ins>/<del> when the run is marked as changed.
 */
export function htmlInline(run: ChangedInline): string {
  let html = escapeXml(run.text);
  if (run.marks.some((m) => m.type === 'italic')) html = `<em>${html}</em>`;
  if (run.marks.some((m) => m.type === 'bold')) html = `<strong>${html}</strong>`;
  const link = run.marks.find((m) => m.type === 'link');
  if (link?.type === 'link') html = `<a href="${escapeXml(link.href)}" rel="noopener noreferrer">${html}</a>`;
  if (run.change === 'inserted') html = `<ins>${html}</ins>`;
  if (run.change === 'deleted') html = `<del>${html}</del>`;
  return html;
}

/**
 * Blocks as HTML: <p>, <ul>/<ol> with <li> holding their own blocks. In redlines a paragraph on one side only
 * gets class="inserted|deleted" and ordered items given numbers get <li value="N">.
 */
export function htmlBlocks(blocks: readonly ChangedBlock[]): string {
  return blocks.map(htmlBlock).join('\n');
}

function htmlBlock(block: ChangedBlock): string {
  if (block.type === 'paragraph') {
    const change = block.change ? ` class="${block.change}"` : '';
    return `<p${change}>${block.content.map(htmlInline).join('')}</p>`;
  }
  const tag = block.type === 'bulletList' ? 'ul' : 'ol';
  const items = block.items.map((item, i) => {
    const number = block.type === 'orderedList' ? block.numbers?.[i] : undefined;
    return `<li${number === undefined ? '' : ` value="${number}"`}>${htmlBlocks(item)}</li>`;
  });
  return `<${tag}>\n${items.join('\n')}\n</${tag}>`;
}
