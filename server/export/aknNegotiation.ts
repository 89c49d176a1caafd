import { bracketOf } from '../../shared/compare/bracketGroups.js';
import { proposalMarks } from '../../shared/export/proposalLabels.js';
import type { Block, ClauseText, DraftText, Inline } from '../../shared/export/DraftText.js';
import { UNKNOWN_DELEGATION } from '../../shared/export/readInlines.js';
import { aknDelegationEid } from './aknIds.js';
import { escapeXml } from './escapeXml.js';

/** The namespace of this application's negotiation metadata inside Akoma Ntoso's <proprietary>. */
export const NEGOTIATION_NAMESPACE = 'urn:codeofconduct:negotiation:1';

/**
 * The negotiation as Akoma Ntoso metadata, in the two places the schema gives it:
 *
 * - `references`: a <TLCOrganization eId="delegation_…" href="/akn/ontology/organizations/int/delegation_…"
 *   showAs="Norway"/> for every delegation a bracket, a proposal (in a body or a heading) or a position
 *   names, ordered by eId; the bracket <inline>s, the proposals' <ins> and <del> and the positions refer to them;
 * - `proprietary`: one <proprietary source="#secretariat"> holding <neg:negotiation> in NEGOTIATION_NAMESPACE
 *   (the schema accepts any element of another namespace there), with a <neg:clause href="#<eId>"
 *   clauseId="…"> for every clause in a group of options or with a status or positions:
 *     <neg:option index="2" count="3" alternativeTo="#<eId of Option 1>" noText="true"/>
 *     <neg:status value="agreed-ad-ref" date="<ISO 8601>" by="<name>">note</neg:status>
 *     <neg:position delegation="#delegation_…" value="reservation">reservation text</neg:position>
 *     <neg:proposal kind="clause-insertion|clause-deletion" id="<proposal id>" delegation="#delegation_…"/>
 *   (the last for a whole clause's proposal, amendments mode). Empty ('') when no clause has any of these.
 *
 * `eIds` maps clause ids to the eIds of their elements in the body.
 */
export function aknNegotiation(
  draft: DraftText,
  eIds: ReadonlyMap<string, string>,
  source: string,
): { references: string; proprietary: string } {
  const references = [...delegationsOf(draft)]
    .map(([eId, name]) => ({ eId, name }))
    .sort((a, b) => (a.eId < b.eId ? -1 : a.eId > b.eId ? 1 : 0))
    .map(
      ({ eId, name }) =>
        `\n        <TLCOrganization eId="${escapeXml(eId)}" href="/akn/ontology/organizations/int/${escapeXml(eId)}" showAs="${escapeXml(name)}"/>`,
    )
    .join('');
  const clauses = draft.clauses.map((clause) => clauseXml(clause, eIds)).filter((xml) => xml !== '');
  const proprietary =
    clauses.length === 0
      ? ''
      : `
      <proprietary source="#${source}">
        <neg:negotiation xmlns:neg="${NEGOTIATION_NAMESPACE}">
${clauses.join('\n')}
        </neg:negotiation>
      </proprietary>`;
  return { references, proprietary };
}

function clauseXml(clause: ClauseText, eIds: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  if (clause.option) {
    const root = clause.alternativeTo === null ? undefined : eIds.get(clause.alternativeTo);
    const alternative = root === undefined ? '' : ` alternativeTo="#${escapeXml(root)}"`;
    parts.push(
      `<neg:option index="${clause.option.index}" count="${clause.option.count}"${alternative}${clause.noText ? ' noText="true"' : ''}/>`,
    );
  }
  if (clause.status) {
    const { status, at, by, note } = clause.status;
    parts.push(`<neg:status value="${status}" date="${escapeXml(at)}" by="${escapeXml(by)}">${escapeXml(note)}</neg:status>`);
  }
  for (const position of clause.positions) {
    const text = position.text === null ? '' : escapeXml(position.text);
    parts.push(
      `<neg:position delegation="#${escapeXml(aknDelegationEid(position.delegationId))}" value="${position.position}">${text}</neg:position>`,
    );
  }
  for (const proposal of clause.proposals ?? []) {
    parts.push(
      `<neg:proposal kind="${proposal.kind}" id="${escapeXml(proposal.id)}" delegation="#${escapeXml(aknDelegationEid(proposal.delegationId))}"/>`,
    );
  }
  const eId = eIds.get(clause.id);
  if (parts.length === 0 || eId === undefined) return '';
  const inner = parts.map((part) => `\n            ${part}`).join('');
  return `          <neg:clause href="#${escapeXml(eId)}" clauseId="${escapeXml(clause.id)}">${inner}\n          </neg:clause>`;
}

/** eId -> name of every delegation a clause's proposal, a bracket, a proposal or a position of the draft names (the first name seen wins). */
function delegationsOf(draft: DraftText): Map<string, string> {
  const found = new Map<string, string>();
  const add = (id: string, name: string) => {
    const eId = aknDelegationEid(id);
    if (!found.has(eId)) found.set(eId, name.replace(/\s+/g, ' ').trim() || UNKNOWN_DELEGATION);
  };
  const visitRuns = (runs: readonly Inline[]) => {
    for (const run of runs) {
      const bracket = bracketOf(run.marks);
      if (bracket) add(bracket.delegationId, bracket.delegation);
      for (const proposal of proposalMarks(run.marks)) add(proposal.delegationId, proposal.delegation);
    }
  };
  const visit = (blocks: readonly Block[]) => {
    for (const block of blocks) {
      if (block.type === 'paragraph') visitRuns(block.content);
      else for (const item of block.items) visit(item);
    }
  };
  for (const clause of draft.clauses) {
    for (const proposal of clause.proposals ?? []) add(proposal.delegationId, proposal.delegation);
    visitRuns(clause.headingContent ?? []);
    visit(clause.blocks);
    for (const position of clause.positions) add(position.delegationId, position.delegation);
  }
  return found;
}
