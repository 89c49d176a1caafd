import type { ClauseText, DraftText } from '../../shared/export/DraftText.js';
import { clauseTextProposal } from '../../shared/export/proposalLabels.js';
import { aknBlocks, aknClauseProposalWrap, aknInlines } from './aknBlocks.js';
import { aknEid, aknGuid } from './aknIds.js';
import { AKN_AUTHOR_ID, AKN_DOC_NAME, AKN_DOC_TYPE, aknMeta } from './aknMeta.js';
import { aknNegotiation } from './aknNegotiation.js';
import { aknWorkingTextLine } from './aknWorkingText.js';
import { NO_TEXT } from './clauseNotes.js';
import { escapeXml } from './escapeXml.js';
import { formatLongDate, isoDay } from './exportDate.js';
import { displayTitle, versionLine } from './versionLine.js';

/** The Akoma Ntoso 3.0 namespace. */
export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/**
 * The draft as Akoma Ntoso 3.0 XML (OASIS LegalDocML), valid against akomantoso30.xsd:
 *
 * - <statement name="codeOfConduct"> (see AKN_DOC_TYPE) with FRBR metadata dated from the version;
 * - <preface>: the title (<docTitle>) and the version line with <docNumber> (Rev.N) and <docDate>; a working
 *   text's line with <docStage> instead, and a <proprietary> saying it is one (aknWorkingText);
 * - <preamble><recitals>: the preambular clauses that open the text, each a <recital> (AKN's preambular
 *   paragraph) with <num>, <heading> and its paragraphs (a recital holds blocks directly: AKN gives it no <content>);
 * - <mainBody>: each section an <hcontainer name="section"> with its <heading>, holding the clauses up to the next
 *   section; each operative clause a <paragraph> with <num>, <heading> and <content>. A preambular clause that
 *   comes after the first operative clause or section (unusual) stays in reading order as a
 *   <paragraph class="preambular">.
 *
 * Every clause element's eId and GUID derive from its clause id (aknEid, aknGuid), so they survive renumbering.
 * As the naming convention wants, the eId of a paragraph inside a section starts with the section's eId
 * ("hcontainer_<section id>__para_<clause id>"), so moving a clause to another section changes its eId;
 * its GUID never changes.
 *
 * The negotiation: the options of a clause are sibling elements, the first option (the original clause)
 * plain, each alternative with alternativeTo="#<eId of the first option>" (the schema's `alt` attribute);
 * a "no text" option holds <p class="noText"><i>No text</i></p>. Bracketed text is an
 * <inline name="bracket" refersTo="#delegation_…"> (aknInlines). Delegations are TLCOrganizations among the
 * references; statuses, positions and option places are in <proprietary> (aknNegotiation).
 *
 * Proposals (amendments mode): a passage's as <ins>/<del class="proposal"> (aknBlocks), in a <heading> as in
 * a <p> (the schema lets a heading hold any inline); a whole clause's
 * (a proposed new clause, a proposed deletion) as an <ins>/<del class="clauseProposal"> around the content of
 * its heading and of each of its <p>s (AKN allows them only inline), referring to the delegation's
 * TLCOrganization, and as a <neg:proposal> of the clause in <proprietary>.
 */
export function renderAkomaNtoso(draft: DraftText): string {
  const firstBody = draft.clauses.findIndex((clause) => clause.kind !== 'preambular');
  const split = firstBody === -1 ? draft.clauses.length : firstBody;
  const recitals = draft.clauses.slice(0, split);
  const body = draft.clauses.slice(split);
  const layout: Layout = { draft, eIds: clauseEids(recitals, body) };
  const preamble =
    recitals.length === 0
      ? ''
      : `
    <preamble>
      <recitals>
${recitals.map((clause) => recitalXml(layout, clause)).join('\n')}
      </recitals>
    </preamble>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="${AKN_NAMESPACE}">
  <${AKN_DOC_TYPE} name="${AKN_DOC_NAME}">
${aknMeta(draft, aknNegotiation(draft, layout.eIds, AKN_AUTHOR_ID))}
${prefaceXml(draft)}${preamble}
    <mainBody>
${mainBodyXml(layout, body)}
    </mainBody>
  </${AKN_DOC_TYPE}>
</akomaNtoso>
`;
}

function prefaceXml(draft: DraftText): string {
  const day = isoDay(draft.date);
  const dated = `<docDate date="${day}">${escapeXml(formatLongDate(draft.date))}</docDate>`;
  const line = draft.workingText
    ? aknWorkingTextLine(draft.workingText)
    : draft.revision !== null
      ? `<docNumber>${escapeXml(draft.revision)}</docNumber>, ${dated}`
      : `${escapeXml(versionLine(draft))} (${dated})`;
  return `    <preface>
      <p class="title"><docTitle>${escapeXml(displayTitle(draft))}</docTitle></p>
      <p class="version">${line}</p>
    </preface>`;
}

/** The draft and the eId of every clause's element, as the body lays them out. */
interface Layout {
  draft: DraftText;
  eIds: Map<string, string>;
}

/**
 * The eId of every clause's element: recitals `recital_…`, sections `hcontainer_…`, other clauses `para_…`,
 * prefixed with their section's eId as the naming convention nests them ("<parent>__<own>").
 */
function clauseEids(recitals: readonly ClauseText[], body: readonly ClauseText[]): Map<string, string> {
  const eIds = new Map<string, string>();
  for (const clause of recitals) eIds.set(clause.id, aknEid('recital', clause.id));
  let section: string | null = null;
  for (const clause of body) {
    if (clause.kind === 'section') {
      section = aknEid('hcontainer', clause.id);
      eIds.set(clause.id, section);
    } else {
      eIds.set(clause.id, (section ? `${section}__` : '') + aknEid('para', clause.id));
    }
  }
  return eIds;
}

/** eId and GUID attributes, and alternativeTo for an alternative (pointing at its group's first option). */
function ids(layout: Layout, clause: ClauseText): string {
  const eId = layout.eIds.get(clause.id)!;
  const root = clause.alternativeTo === null ? undefined : layout.eIds.get(clause.alternativeTo);
  const alternative = root === undefined ? '' : ` alternativeTo="#${escapeXml(root)}"`;
  return `eId="${escapeXml(eId)}" GUID="${aknGuid(layout.draft.draftId, clause.id)}"${alternative}`;
}

/** A clause's body blocks, or the "no text" marker of a "no text" option; a whole clause's proposal marks them. */
function bodyXml(clause: ClauseText, indent: string): string {
  const wrap = aknClauseProposalWrap(clauseTextProposal(clause));
  return clause.noText ? `${indent}<p class="noText">${wrap(`<i>${NO_TEXT}</i>`)}</p>` : aknBlocks(clause.blocks, indent, wrap);
}

function numAndHeading(clause: ClauseText, indent: string): string {
  const wrap = aknClauseProposalWrap(clauseTextProposal(clause));
  const num = clause.number !== null ? `\n${indent}<num>${escapeXml(clause.number)}</num>` : '';
  const text = clause.headingContent ? aknInlines(clause.headingContent) : escapeXml(clause.heading);
  const heading = clause.heading ? `\n${indent}<heading>${wrap(text)}</heading>` : '';
  return num + heading;
}

function recitalXml(layout: Layout, clause: ClauseText): string {
  return `        <recital ${ids(layout, clause)}>${numAndHeading(clause, '          ')}
${bodyXml(clause, '          ')}
        </recital>`;
}

function paragraphXml(layout: Layout, clause: ClauseText, indent: string): string {
  const kind = clause.kind === 'preambular' ? ' class="preambular"' : '';
  return `${indent}<paragraph ${ids(layout, clause)}${kind}>${numAndHeading(clause, `${indent}  `)}
${indent}  <content>
${bodyXml(clause, `${indent}    `)}
${indent}  </content>
${indent}</paragraph>`;
}

/** Clauses before the first section sit in <mainBody> itself; each section holds the clauses after it. */
function mainBodyXml(layout: Layout, clauses: readonly ClauseText[]): string {
  if (clauses.length === 0) return '      <p/>';
  const parts: string[] = [];
  let section: { clause: ClauseText; members: string[] } | null = null;
  const close = () => {
    if (!section) return;
    const { clause, members } = section;
    const wrap = aknClauseProposalWrap(clauseTextProposal(clause));
    const intro = clause.blocks.length > 0 ? `\n        <intro>\n${aknBlocks(clause.blocks, '          ', wrap)}\n        </intro>` : '';
    parts.push(
      `      <hcontainer ${ids(layout, clause)} name="section">${numAndHeading(clause, '        ')}${intro}${members.length ? `\n${members.join('\n')}` : ''}\n      </hcontainer>`,
    );
  };
  for (const clause of clauses) {
    if (clause.kind === 'section') {
      close();
      section = { clause, members: [] };
    } else if (section) section.members.push(paragraphXml(layout, clause, '        '));
    else parts.push(paragraphXml(layout, clause, '      '));
  }
  close();
  return parts.join('\n');
}
