import { bracketGroups } from '../../shared/compare/bracketGroups.js';
import type { Block, ClauseProposalMark, Inline, ProposalMark } from '../../shared/export/DraftText.js';
import { markProposalGroups } from '../../shared/export/proposalLabels.js';
import { aknDelegationEid } from './aknIds.js';
import { NEGOTIATION_NAMESPACE } from './aknNegotiation.js';
import { escapeXml } from './escapeXml.js';

/** The `name` of the generic <inline> that marks bracketed text. */
export const AKN_BRACKET_NAME = 'bracket';

/**
 * Runs as Akoma Ntoso inline markup: <b>, <i> and <a href> (already checked by safeHref), text escaped.
 * A bracketed passage is one generic <inline name="bracket" refersTo="#delegation_…"> around its runs,
 * referring to its delegation's TLCOrganization in <references> (aknNegotiation); the square brackets
 * themselves are presentation, left to whoever renders the document. Proposals are <ins> and <del> inside
 * it (aknProposals).
 */
export function aknInlines(runs: readonly Inline[]): string {
  return bracketGroups(runs)
    .map((group) => {
      const inner = aknProposals(group.runs);
      if (group.bracket === null) return inner;
      return `<inline name="${AKN_BRACKET_NAME}" refersTo="#${escapeXml(aknDelegationEid(group.bracket.delegationId))}">${inner}</inline>`;
    })
    .join('');
}

/** The `class` of the <ins> and <del> elements that mark proposals. */
export const AKN_PROPOSAL_CLASS = 'proposal';

/**
 * Runs with their proposals (amendments mode): a proposed insertion is an <ins>, a proposed deletion a <del>
 * (AKN's inline elements for editorial insertions and deletions), class="proposal", referring to the
 * proposing delegation's TLCOrganization like a bracket, and naming the proposal in an attribute of the
 * negotiation namespace, which the schema accepts on any element: neg:proposal="<proposal id>".
 */
function aknProposals(runs: readonly Inline[]): string {
  return markProposalGroups(runs)
    .map((group) => {
      let xml = group.runs.map(aknRun).join('');
      for (const proposal of [...group.proposals].reverse()) xml = proposalElement(proposal, xml);
      return xml;
    })
    .join('');
}

function proposalElement(proposal: ProposalMark, inner: string): string {
  return proposalXml(proposal.kind === 'insertion' ? 'ins' : 'del', AKN_PROPOSAL_CLASS, proposal, inner);
}

function proposalXml(tag: 'ins' | 'del', className: string, proposal: ProposalMark | ClauseProposalMark, inner: string): string {
  const refersTo = `#${escapeXml(aknDelegationEid(proposal.delegationId))}`;
  return `<${tag} class="${className}" refersTo="${refersTo}" xmlns:neg="${NEGOTIATION_NAMESPACE}" neg:proposal="${escapeXml(proposal.id)}">${inner}</${tag}>`;
}

/** The `class` of the <ins> and <del> elements that mark the text of a whole clause's proposal. */
export const AKN_CLAUSE_PROPOSAL_CLASS = 'clauseProposal';

/** Inline content as it stands in a block or heading: as is, or marked as a whole clause's proposal. */
export type AknInlineWrap = (inline: string) => string;

const AS_IS: AknInlineWrap = (inline) => inline;

/**
 * How a whole clause's proposal marks its text (amendments mode): AKN's <ins> and <del> are inline elements,
 * so the content of its heading and of each of its <p>s is one <ins> (a proposed new clause) or <del> (a
 * proposed deletion), class="clauseProposal", referring to the delegation's TLCOrganization and naming the
 * proposal (neg:proposal) as a passage's proposal does; passages proposed within it nest inside. As is for
 * a clause without one.
 */
export function aknClauseProposalWrap(proposal: ClauseProposalMark | null): AknInlineWrap {
  if (!proposal) return AS_IS;
  const tag = proposal.kind === 'clause-insertion' ? 'ins' : 'del';
  return (inline) => (inline === '' ? inline : proposalXml(tag, AKN_CLAUSE_PROPOSAL_CLASS, proposal, inline));
}

function aknRun(run: Inline): string {
  let xml = escapeXml(run.text);
  if (run.marks.some((m) => m.type === 'italic')) xml = `<i>${xml}</i>`;
  if (run.marks.some((m) => m.type === 'bold')) xml = `<b>${xml}</b>`;
  const link = run.marks.find((m) => m.type === 'link');
  if (link?.type === 'link') xml = `<a href="${escapeXml(link.href)}">${xml}</a>`;
  return xml;
}

/**
 * Blocks as Akoma Ntoso block elements: <p>, and lists as <blockList class="bulletList|orderedList"> whose
 * <item>s hold their blocks (ordered items numbered in <num>). A clause with no blocks gets one empty <p>,
 * since AKN content models need at least one block. `wrap` marks each <p>'s content (aknClauseProposalWrap).
 */
export function aknBlocks(blocks: readonly Block[], indent: string, wrap: AknInlineWrap = AS_IS): string {
  if (blocks.length === 0) return `${indent}<p/>`;
  return blocks.map((block) => aknBlock(block, indent, wrap)).join('\n');
}

function aknBlock(block: Block, indent: string, wrap: AknInlineWrap): string {
  if (block.type === 'paragraph') return `${indent}<p>${wrap(aknInlines(block.content))}</p>`;
  const items = block.items.map((item, i) => {
    const num = block.type === 'orderedList' ? `<num>${i + 1}.</num>` : '';
    return `${indent}  <item>${num}\n${aknBlocks(item, `${indent}    `, wrap)}\n${indent}  </item>`;
  });
  return `${indent}<blockList class="${block.type}">\n${items.join('\n')}\n${indent}</blockList>`;
}
