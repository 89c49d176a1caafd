import type { ClauseText, DraftText } from '../../shared/export/DraftText.js';
import { aknBlocks } from './aknBlocks.js';
import { aknEid, aknGuid } from './aknIds.js';
import { AKN_DOC_NAME, AKN_DOC_TYPE, aknMeta } from './aknMeta.js';
import { escapeXml } from './escapeXml.js';
import { formatLongDate, isoDay } from './exportDate.js';
import { displayTitle, versionLine } from './versionLine.js';

/** The Akoma Ntoso 3.0 namespace. */
export const AKN_NAMESPACE = 'http://docs.oasis-open.org/legaldocml/ns/akn/3.0';

/**
 * The draft as Akoma Ntoso 3.0 XML (OASIS LegalDocML), valid against akomantoso30.xsd:
 *
 * - <statement name="codeOfConduct"> (see AKN_DOC_TYPE) with FRBR metadata dated from the version;
 * - <preface>: the title (<docTitle>) and the version line with <docNumber> (Rev.N) and <docDate>;
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
 */
export function renderAkomaNtoso(draft: DraftText): string {
  const firstBody = draft.clauses.findIndex((clause) => clause.kind !== 'preambular');
  const split = firstBody === -1 ? draft.clauses.length : firstBody;
  const recitals = draft.clauses.slice(0, split);
  const body = draft.clauses.slice(split);
  const preamble = recitals.length === 0 ? '' : `
    <preamble>
      <recitals>
${recitals.map((clause) => recitalXml(draft, clause)).join('\n')}
      </recitals>
    </preamble>`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="${AKN_NAMESPACE}">
  <${AKN_DOC_TYPE} name="${AKN_DOC_NAME}">
${aknMeta(draft)}
${prefaceXml(draft)}${preamble}
    <mainBody>
${mainBodyXml(draft, body)}
    </mainBody>
  </${AKN_DOC_TYPE}>
</akomaNtoso>
`;
}

function prefaceXml(draft: DraftText): string {
  const day = isoDay(draft.date);
  const dated = `<docDate date="${day}">${escapeXml(formatLongDate(draft.date))}</docDate>`;
  const line = draft.revision !== null
    ? `<docNumber>${escapeXml(draft.revision)}</docNumber>, ${dated}`
    : `${escapeXml(versionLine(draft))} (${dated})`;
  return `    <preface>
      <p class="title"><docTitle>${escapeXml(displayTitle(draft))}</docTitle></p>
      <p class="version">${line}</p>
    </preface>`;
}

/** eId and GUID attributes; `parentEid` prefixes the eId as the naming convention nests them ("<parent>__<own>"). */
function ids(draft: DraftText, ref: string, clause: ClauseText, parentEid?: string): string {
  const eId = (parentEid ? `${parentEid}__` : '') + aknEid(ref, clause.id);
  return `eId="${escapeXml(eId)}" GUID="${aknGuid(draft.draftId, clause.id)}"`;
}

function numAndHeading(clause: ClauseText, indent: string): string {
  const num = clause.number !== null ? `\n${indent}<num>${escapeXml(clause.number)}</num>` : '';
  const heading = clause.heading ? `\n${indent}<heading>${escapeXml(clause.heading)}</heading>` : '';
  return num + heading;
}

function recitalXml(draft: DraftText, clause: ClauseText): string {
  return `        <recital ${ids(draft, 'recital', clause)}>${numAndHeading(clause, '          ')}
${aknBlocks(clause.blocks, '          ')}
        </recital>`;
}

function paragraphXml(draft: DraftText, clause: ClauseText, indent: string, section?: ClauseText): string {
  const kind = clause.kind === 'preambular' ? ' class="preambular"' : '';
  const parent = section ? aknEid('hcontainer', section.id) : undefined;
  return `${indent}<paragraph ${ids(draft, 'para', clause, parent)}${kind}>${numAndHeading(clause, `${indent}  `)}
${indent}  <content>
${aknBlocks(clause.blocks, `${indent}    `)}
${indent}  </content>
${indent}</paragraph>`;
}

/** Clauses before the first section sit in <mainBody> itself; each section holds the clauses after it. */
function mainBodyXml(draft: DraftText, clauses: readonly ClauseText[]): string {
  if (clauses.length === 0) return '      <p/>';
  const parts: string[] = [];
  let section: { clause: ClauseText; members: string[] } | null = null;
  const close = () => {
    if (!section) return;
    const { clause, members } = section;
    const intro = clause.blocks.length > 0 ? `\n        <intro>\n${aknBlocks(clause.blocks, '          ')}\n        </intro>` : '';
    parts.push(`      <hcontainer ${ids(draft, 'hcontainer', clause)} name="section">${numAndHeading(clause, '        ')}${intro}${members.length ? `\n${members.join('\n')}` : ''}\n      </hcontainer>`);
  };
  for (const clause of clauses) {
    if (clause.kind === 'section') {
      close();
      section = { clause, members: [] };
    } else if (section) section.members.push(paragraphXml(draft, clause, '        ', section.clause));
    else parts.push(paragraphXml(draft, clause, '      '));
  }
  close();
  return parts.join('\n');
}
