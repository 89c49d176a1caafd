import type { ClauseText, DraftText } from '../../shared/export/DraftText.js';
import { clauseMetaLine, NO_TEXT, positionsLine } from './clauseNotes.js';
import type { ClauseProposalMark } from '../../shared/export/DraftText.js';
import { clauseProposalLine, clauseProposalTitle, clauseTextProposal, hasProposals } from '../../shared/export/proposalLabels.js';
import { escapeXml } from './escapeXml.js';
import { htmlBlocks, htmlRuns } from './htmlInline.js';
import { HTML_STYLES, PROPOSAL_STYLES } from './htmlStyles.js';
import { PROPOSALS_NOTE } from './proposalNotes.js';
import { displayTitle, versionLine } from './versionLine.js';

/**
 * Forbids everything but the inline styles: even if text ever slipped through unescaped, a browser opening
 * the file would run no script, load nothing and submit nothing.
 */
export const HTML_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/**
 * The draft as one standalone HTML5 file: no scripts, no external resources, print-ready styles inline.
 * Sections are <h2>, clauses <section>s headed by <h3> with the number in <span class="num">, each with
 * id="clause-<clause id>" so a redline or a link can point at a clause. Every text and attribute is escaped.
 *
 * The negotiation (see clauseNotes): bracketed text as <span class="bracket">[text]</span> followed by
 * <sup class="bracket-tag">Norway</sup>; under a clause heading <p class="clause-meta status-<status>"> with
 * its option label and status; a "no text" option's body as <p class="no-text"><em>No text</em></p>; after
 * the body <p class="positions">. An option's section also carries class="option".
 *
 * Proposals (amendments mode): a proposed insertion as <ins class="proposal-insertion">, a proposed deletion
 * as <del class="proposal-deletion">, each followed by <sup class="proposal-tag">+ United States</sup> (or
 * "− Norway"); a text holding any says so under its title (<p class="proposals-note">, PROPOSALS_NOTE).
 * A proposal on a whole clause is a line under its heading, <p class="clause-proposal clause-proposal-insertion">
 * "Proposed new clause — United States" (or "Deletion proposed by Norway"), its heading's text in an inline
 * <ins class="proposal-insertion clause-proposal-text"> (or <del class="proposal-deletion …">) and its body in a
 * block one (HTML lets <ins> and <del> hold paragraphs), styled as a proposed passage; passages proposed
 * within it keep their own marks and tags. Proposals in a heading are marked and tagged as in a body.
 */
export function renderHtml(draft: DraftText): string {
  const title = displayTitle(draft);
  const version = versionLine(draft);
  const proposals = hasProposals(draft);
  const note = proposals ? `\n<p class="proposals-note">${escapeXml(PROPOSALS_NOTE)}</p>` : '';
  const header = `<h1>${escapeXml(title)}</h1>\n<p class="version">${escapeXml(version)}</p>${note}`;
  const main = draft.clauses.map(clauseHtml).join('\n');
  return htmlPage({ title: `${title} — ${version}`, header, main, ...(proposals ? { styles: PROPOSAL_STYLES } : {}) });
}

/** The parts of an HTML export page; `header` and `main` are HTML, already escaped. */
export interface HtmlPageParts {
  /** Plain text for <title>. */
  title: string;
  header: string;
  main: string;
  /** Styles added after the common ones (the redline's legend and labels). @default none */
  styles?: string;
}

/** The standalone page every HTML export is: charset, the CSP, no referrer, the print styles, a title block and the text. */
export function htmlPage(parts: HtmlPageParts): string {
  const styles = parts.styles ? `${HTML_STYLES}\n${parts.styles}` : HTML_STYLES;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${HTML_CONTENT_SECURITY_POLICY}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(parts.title)}</title>
<style>
${styles}
</style>
</head>
<body>
<header class="title-block">
${parts.header}
</header>
<main>
${parts.main}
</main>
</body>
</html>
`;
}

function clauseHtml(clause: ClauseText): string {
  const id = `clause-${escapeXml(clause.id)}`;
  const proposal = clauseTextProposal(clause);
  const proposed = (html: string, block: boolean) => (proposal && html ? clauseProposalWrap(html, proposal, block) : html);
  const body = proposed(htmlBlocks(clause.blocks), true);
  const lines = clauseProposalsHtml(clause);
  // A heading holding proposals is written as a paragraph's runs are, each proposal marked and tagged.
  const headingText = clause.headingContent ? htmlRuns(clause.headingContent) : escapeXml(clause.heading);
  if (clause.kind === 'section') {
    const heading = clause.heading ? `<h2>${proposed(headingText, false)}</h2>` : '';
    const parts = [heading, lines, body].filter(Boolean);
    return `<section class="section" id="${id}">\n${parts.join('\n')}\n</section>`;
  }
  const heading = clause.heading ? ` ${proposed(headingText, false)}` : '';
  const number = `<span class="num">${escapeXml(clause.number ?? '')}${clause.heading ? '.' : ''}</span>`;
  const classes = ['clause', clause.kind, ...(clause.option ? ['option'] : [])].join(' ');
  const parts = [
    `<h3>${number}${heading}</h3>`,
    lines,
    metaHtml(clause),
    clause.noText ? proposed(`<p class="no-text"><em>${NO_TEXT}</em></p>`, true) : body,
    positionsHtml(clause),
  ];
  return `<section class="${classes}" id="${id}">\n${parts.filter(Boolean).join('\n')}\n</section>`;
}

/** The lines naming a clause's own proposals ("Proposed new clause — United States"), one each; '' for none. */
function clauseProposalsHtml(clause: ClauseText): string {
  return (clause.proposals ?? [])
    .map((p) => `<p class="clause-proposal clause-proposal-${p.kind}">${escapeXml(clauseProposalLine(p))}</p>`)
    .join('\n');
}

/** A proposed clause's heading text (inline) or body (`block`, on lines of its own) marked as a proposed passage is. */
function clauseProposalWrap(html: string, proposal: ClauseProposalMark, block: boolean): string {
  const [tag, kind] = proposal.kind === 'clause-insertion' ? ['ins', 'insertion'] : ['del', 'deletion'];
  const open = `<${tag} class="proposal-${kind} clause-proposal-text" title="${escapeXml(clauseProposalTitle(proposal))}">`;
  return block ? `${open}\n${html}\n</${tag}>` : `${open}${html}</${tag}>`;
}

function metaHtml(clause: ClauseText): string {
  const line = clauseMetaLine(clause);
  if (line === null) return '';
  const status = clause.status ? ` status-${clause.status.status}` : '';
  return `<p class="clause-meta${status}">${escapeXml(line)}</p>`;
}

function positionsHtml(clause: ClauseText): string {
  const line = positionsLine(clause);
  return line === null ? '' : `<p class="positions">${escapeXml(line)}</p>`;
}
