import { bracketGroups } from '../../shared/compare/bracketGroups.js';
import type { ProposalFate } from '../../shared/compare/DraftComparison.js';
import { fateTag } from '../../shared/compare/proposalFates.js';
import type { ProposalMark } from '../../shared/export/DraftText.js';
import { proposalGroups, proposalMarks, proposalTag, proposalTitle, splitTrailingSpace } from '../../shared/export/proposalLabels.js';
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
      if (group.bracket === null) return proposalsHtml(group.runs);
      const change = groupChange(group.runs);
      const inner = proposalsHtml(change ? group.runs.map(({ change: _change, ...run }) => run) : group.runs);
      const tag = `<sup class="bracket-tag">${escapeXml(bracketTag(group.bracket))}</sup>`;
      return changed(`<span class="bracket">[${inner}]</span>${tag}`, change);
    })
    .join('');
}

type RunProposal = ProposalMark | ProposalFate;

/** A run's proposals: with their fates in a redline, its proposal marks otherwise. */
function runProposals(run: ChangedInline): readonly RunProposal[] {
  return run.proposals ?? proposalMarks(run.marks);
}

/**
 * Runs with their proposals (amendments mode), one passage per proposal however many runs it spans. In a
 * clean export a proposed insertion is <ins class="proposal-insertion">, a proposed deletion
 * <del class="proposal-deletion">, each followed by its tag, <sup class="proposal-tag">+ United States</sup>.
 * In a redline, where <ins> and <del> mean what changed between the versions, a proposal is a
 * <span class="proposal proposal-insertion proposal-accepted"> and its tag names its fate ("+ United States, accepted").
 */
function proposalsHtml(runs: readonly ChangedInline[]): string {
  return proposalGroups(runs, runProposals)
    .map((group) => {
      if (group.proposals.length === 0) return group.runs.map(htmlInline).join('');
      const wrap = (parts: readonly ChangedInline[]) => {
        let html = parts.map(htmlInline).join('');
        for (const proposal of [...group.proposals].reverse()) html = proposalWrap(html, proposal);
        return html;
      };
      const { core, trail } = splitTrailingSpace(group.runs);
      return wrap(core) + group.proposals.map(proposalTagHtml).join('') + (trail.length > 0 ? wrap(trail) : '');
    })
    .join('');
}

function proposalWrap(html: string, proposal: RunProposal): string {
  const title = escapeXml(proposalTitle(proposal));
  if ('fate' in proposal) {
    return `<span class="proposal proposal-${proposal.kind} proposal-${proposal.fate}" title="${title}">${html}</span>`;
  }
  const tag = proposal.kind === 'insertion' ? 'ins' : 'del';
  return `<${tag} class="proposal-${proposal.kind}" title="${title}">${html}</${tag}>`;
}

function proposalTagHtml(proposal: RunProposal): string {
  const text = 'fate' in proposal ? fateTag(proposal) : proposalTag(proposal);
  return `<sup class="proposal-tag proposal-tag-${proposal.kind}">${escapeXml(text)}</sup>`;
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
