import { bracketGroups } from '../../shared/compare/bracketGroups.js';
import { bracketTag } from './clauseNotes.js';
import { escapeXml } from './escapeXml.js';
import { groupChange, type ChangedBlock, type ChangedInline } from './InlineChange.js';

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
  return changed(html, run.change);
}

/**
 * A paragraph's runs as HTML. Each bracketed passage is one `<span class="bracket">[…]</span>` followed by
 * its delegation, `<sup class="bracket-tag">Norway</sup>`, however many runs it spans. In a redline a
 * passage wholly inserted or deleted is marked as a whole, brackets and tag included; otherwise its runs
 * are marked one by one.
 */
export function htmlRuns(runs: readonly ChangedInline[]): string {
  return bracketGroups(runs)
    .map((group) => {
      if (group.bracket === null) return group.runs.map(htmlInline).join('');
      const change = groupChange(group.runs);
      const inner = group.runs.map((run) => htmlInline(change ? { text: run.text, marks: run.marks } : run)).join('');
      const tag = `<sup class="bracket-tag">${escapeXml(bracketTag(group.bracket))}</sup>`;
      return changed(`<span class="bracket">[${inner}]</span>${tag}`, change);
    })
    .join('');
}

function changed(html: string, change: ChangedInline['change']): string {
  if (change === 'inserted') return `<ins>${html}</ins>`;
  if (change === 'deleted') return `<del>${html}</del>`;
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
    return `<p${change}>${htmlRuns(block.content)}</p>`;
  }
  const tag = block.type === 'bulletList' ? 'ul' : 'ol';
  const items = block.items.map((item, i) => {
    const number = block.type === 'orderedList' ? block.numbers?.[i] : undefined;
    return `<li${number === undefined ? '' : ` value="${number}"`}>${htmlBlocks(item)}</li>`;
  });
  return `<${tag}>\n${items.join('\n')}\n</${tag}>`;
}
