import type { DraftText } from '../../shared/export/DraftText.js';
import { aknWorkingTextMeta } from './aknWorkingText.js';
import { escapeXml } from './escapeXml.js';
import { isoDay } from './exportDate.js';

/** The Akoma Ntoso document type of a draft: <statement>, "an official document of a body that may or may not be normative", as a voluntary code is. */
export const AKN_DOC_TYPE = 'statement';
/** The statement's `name`. */
export const AKN_DOC_NAME = 'codeOfConduct';
/**
 * The country part of the FRBR URIs. A code agreed between several states belongs to none of them, so not an
 * ISO 3166 code; "int" (international) as used for documents of intergovernmental bodies.
 */
export const AKN_COUNTRY = 'int';
/** Language of the text (ISO 639-2 alpha-3). Drafts are negotiated in English. */
export const AKN_LANGUAGE = 'eng';
/** The Top Level Class the FRBR authors (and the negotiation metadata's source) point to. */
export const AKN_AUTHOR_ID = 'secretariat';

/** The work, expression and manifestation URIs of a DraftText (Akoma Ntoso naming convention, FRBR levels). */
export function aknUris(draft: DraftText): { work: string; expression: string; manifestation: string } {
  const id = draft.draftId.replace(/[^A-Za-z0-9_-]/g, (ch) => encodeURIComponent(ch));
  const work = `/akn/${AKN_COUNTRY}/${AKN_DOC_TYPE}/${AKN_DOC_NAME}/${isoDay(draft.date)}/${id}`;
  const expression = `${work}/${AKN_LANGUAGE}@${expressionVersion(draft)}`;
  return { work, expression, manifestation: `${expression}/!main.xml` };
}

/** A revision's expression is named by its number ("rev.2"); any other version by its UTC date and time. */
function expressionVersion(draft: DraftText): string {
  if (draft.revision !== null) return draft.revision.toLowerCase().replace(/[^a-z0-9.]+/g, '-');
  return new Date(draft.date).toISOString().slice(0, 16).replace(/:/g, '');
}

/** Metadata of the negotiation for <meta> (see aknNegotiation): TLC entries for <references>, and a <proprietary> block or ''. */
export interface AknNegotiationMeta {
  references: string;
  proprietary: string;
}

/**
 * The <meta> block: FRBR identification dated from the version (never the clock, but for a working text,
 * dated when exported), the version number when published, and the reference to the secretariat as author;
 * then the negotiation's delegations among the references and its statuses, positions and options in
 * <proprietary>; for a working text, a second <proprietary> saying so (aknWorkingTextMeta).
 * @default negotiation: none
 */
export function aknMeta(draft: DraftText, negotiation: AknNegotiationMeta = { references: '', proprietary: '' }): string {
  const uris = aknUris(draft);
  const day = isoDay(draft.date);
  const author = `<FRBRauthor href="#${AKN_AUTHOR_ID}"/>`;
  const version = draft.revision !== null ? `\n          <FRBRversionNumber value="${escapeXml(draft.revision)}"/>` : '';
  return `    <meta>
      <identification source="#${AKN_AUTHOR_ID}">
        <FRBRWork>
          <FRBRthis value="${escapeXml(uris.work)}/!main"/>
          <FRBRuri value="${escapeXml(uris.work)}"/>
          <FRBRdate date="${day}" name="version"/>
          ${author}
          <FRBRcountry value="${AKN_COUNTRY}"/>
          <FRBRname value="${AKN_DOC_NAME}"/>
        </FRBRWork>
        <FRBRExpression>
          <FRBRthis value="${escapeXml(uris.expression)}/!main"/>
          <FRBRuri value="${escapeXml(uris.expression)}"/>
          <FRBRdate date="${day}" name="version"/>
          ${author}${version}
          <FRBRlanguage language="${AKN_LANGUAGE}"/>
        </FRBRExpression>
        <FRBRManifestation>
          <FRBRthis value="${escapeXml(uris.manifestation)}"/>
          <FRBRuri value="${escapeXml(uris.manifestation)}"/>
          <FRBRdate date="${day}" name="export"/>
          ${author}
        </FRBRManifestation>
      </identification>
      <references source="#${AKN_AUTHOR_ID}">
        <TLCOrganization eId="${AKN_AUTHOR_ID}" href="/akn/ontology/organizations/${AKN_COUNTRY}/${AKN_AUTHOR_ID}" showAs="Secretariat"/>${negotiation.references}
      </references>${negotiation.proprietary}${aknWorkingTextMeta(draft, AKN_AUTHOR_ID)}
    </meta>`;
}
