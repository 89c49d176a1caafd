import type { Block } from '../../shared/export/DraftText.js';
import { escapeXml } from './escapeXml.js';
import type { ChangedInline } from './InlineChange.js';

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

/** Blocks as HTML: <p>, <ul>/<ol> with <li> holding their own blocks. */
export function htmlBlocks(blocks: readonly Block[]): string {
  return blocks.map(htmlBlock).join('\n');
}

function htmlBlock(block: Block): string {
  if (block.type === 'paragraph') return `<p>${block.content.map(htmlInline).join('')}</p>`;
  const tag = block.type === 'bulletList' ? 'ul' : 'ol';
  const items = block.items.map((item) => `<li>${htmlBlocks(item)}</li>`).join('\n');
  return `<${tag}>\n${items}\n</${tag}>`;
}
