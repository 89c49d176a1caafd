import type { ClauseComparison, DraftComparison } from '../../../shared/compare/DraftComparison.js';
import { clauseFateLine, comparisonHasProposals } from '../../../shared/compare/proposalFates.js';
import { escapeXml } from '../escapeXml.js';
import { htmlBlocks, htmlInline, htmlRuns } from '../htmlInline.js';
import { PROPOSAL_STYLES } from '../htmlStyles.js';
import { htmlPage } from '../renderHtml.js';
import { displayTitle } from '../versionLine.js';
import { changedBlocks } from './changedBlocks.js';
import { clauseChangeLabel } from './clauseChangeLabel.js';
import { REDLINE_PROPOSALS_NOTE, redlineSummary, redlineVersionLine } from './redlineDescription.js';
import { REDLINE_STYLES } from './redlineStyles.js';
import { sideName, type RedlineSides } from './RedlineSides.js';
import { clauseTitleRuns, textRedline } from './redlineTitles.js';

/**
 * A redline as one standalone, print-ready HTML file (the clean export's page, CSP and styles): a title block
 * saying what is compared, the counts and a legend, then every clause of both sides in the newer side's
 * order, insertions in <ins> (underlined, green), deletions in <del> (struck, red), added, removed and
 * moved clauses labelled with their numbers. Every text is escaped; links keep their checked hrefs.
 * Proposals (amendments mode) are dotted spans tagged with their delegation and fate (htmlRuns), explained
 * in the legend when either side holds any; a whole clause's are lines under its heading with their fate
 * ("Proposed new clause — United States, accepted").
 */
export function renderRedlineHtml(comparison: DraftComparison, sides: RedlineSides): string {
  const proposals = comparisonHasProposals(comparison);
  const title = textRedline(displayTitle(sides.from), displayTitle(sides.to)).map(htmlInline).join('');
  const version = redlineVersionLine(sides);
  const header = [
    `<h1>${title}</h1>`,
    `<p class="version">${escapeXml(version)}</p>`,
    `<p class="summary">${escapeXml(redlineSummary(comparison.summary))}</p>`,
    legend(sides, proposals),
  ].join('\n');
  const main = comparison.clauses.map((clause) => clauseHtml(clause, sides)).join('\n');
  const styles = proposals ? `${REDLINE_STYLES}\n${PROPOSAL_STYLES}` : REDLINE_STYLES;
  return htmlPage({ title: `${displayTitle(sides.to)} — ${version}`, header, main, styles });
}

function legend(sides: RedlineSides, proposals: boolean): string {
  const from = escapeXml(sideName(sides.from));
  const to = escapeXml(sideName(sides.to));
  return `<div class="legend">
<p class="legend-title">Legend</p>
<p><ins>Inserted text</ins> is only in ${to}; <del>deleted text</del> is only in ${from}. Clause numbers that changed show both.</p>
<p><span class="change-label label-added">Added</span> a clause only in ${to}; <span class="change-label label-removed">Removed</span> a clause only in ${from}; <span class="change-label label-moved">Moved</span> a clause at another place among the others, with its number in each.</p>${proposals ? `\n<p class="legend-proposals">${escapeXml(REDLINE_PROPOSALS_NOTE)}</p>` : ''}
</div>`;
}

function clauseHtml(clause: ClauseComparison, sides: RedlineSides): string {
  const kind = (clause.to ?? clause.from)?.kind ?? 'operative';
  const label = clauseChangeLabel(clause, sides);
  const classes = [kind === 'section' ? 'section' : `clause ${kind}`, clause.change, clause.moved ? 'moved' : ''].filter(Boolean).join(' ');
  // As a body's runs, so proposals in a heading are tagged with their fates.
  const title = htmlRuns(clauseTitleRuns(clause));
  const parts = [
    label ? `<p class="change-label label-${label.kind}">${escapeXml(label.text)}</p>` : '',
    title ? (kind === 'section' ? `<h2>${title}</h2>` : `<h3>${title}</h3>`) : '',
    ...(clause.proposals ?? []).map(
      (p) => `<p class="clause-proposal clause-proposal-${p.kind} clause-proposal-${p.fate}">${escapeXml(clauseFateLine(p))}</p>`,
    ),
    htmlBlocks(changedBlocks(clause.paragraphs)),
  ].filter(Boolean);
  return `<section class="${classes}" id="clause-${escapeXml(clause.id)}">\n${parts.join('\n')}\n</section>`;
}
