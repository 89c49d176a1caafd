import { describe, expect, it } from 'vitest';
import { aknEid, aknGuid } from '../../../server/export/aknIds.js';
import { renderAkomaNtoso } from '../../../server/export/renderAkomaNtoso.js';
import type { DraftText } from '../../../shared/export/DraftText.js';
import { fixtureDraft, hostileDraft, largeDraft } from './drafts.js';
import { COUNTRY_NAMES, IDS } from './fixtureDoc.js';
import { DROPPED_TEXT, FORBIDDEN_SUBSTRINGS, HOSTILE_TITLE, INERT_MARKUP } from './hostileFixture.js';
import { validateAkn, xpath } from './readers.js';
import { DELEGATIONS, HOSTILE_RESERVATION, NEGOTIATION_IDS, negotiationDraft, STATUS_NOTE } from './negotiationFixture.js';
import { NEGOTIATION_NAMESPACE } from '../../../server/export/aknNegotiation.js';

const el = (name: string) => `*[local-name()='${name}']`;

describe('renderAkomaNtoso', () => {
  const xml = renderAkomaNtoso(fixtureDraft());

  it('validates against the Akoma Ntoso 3.0 schema with xmllint', () => {
    const result = validateAkn(xml);
    expect(result.messages).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('is a statement whose preface gives the title, revision and date', () => {
    expect(xpath(xml, `name(/${el('akomaNtoso')}/*)`).trim()).toBe('statement');
    expect(xpath(xml, `string(//${el('statement')}/@name)`)).toBe('codeOfConduct');
    expect(xpath(xml, `string(//${el('docTitle')})`)).toBe('Code of Conduct on Export Controls and Human Rights');
    expect(xpath(xml, `string(//${el('docNumber')})`)).toBe('Rev.2');
    expect(xpath(xml, `string(//${el('docDate')}/@date)`)).toBe('2025-03-01');
    expect(xpath(xml, `string(//${el('FRBRExpression')}/${el('FRBRdate')}/@date)`)).toBe('2025-03-01');
  });

  it('makes preambular clauses recitals and operative clauses paragraphs inside their section, with num, heading and text', () => {
    expect(xpath(xml, `string(//${el('recital')}[1]/${el('num')})`)).toBe('PP1');
    expect(xpath(xml, `string(//${el('recital')}[1]/${el('heading')})`)).toBe('Recalling shared commitments');
    expect(xpath(xml, `string(//${el('recital')}[1]/${el('p')})`)).toBe(
      "Recalling the commitments made by Türkiye, Ελλάδα, Україна and Côte d'Ivoire,",
    );
    expect(xpath(xml, `string(//${el('hcontainer')}[@name='section']/${el('heading')})`)).toBe('Commitments');
    const paragraphs = `//${el('hcontainer')}/${el('paragraph')}`;
    expect(xpath(xml, `string(${paragraphs}[1]/${el('num')})`)).toBe('OP1');
    expect(xpath(xml, `string(${paragraphs}[2]/${el('heading')})`)).toBe('Stakeholders — Ελλάδα and Україна');
    expect(xpath(xml, `string(${paragraphs}[2]/${el('content')})`)).toContain('Consult civil society in Türkiye;');
    expect(xpath(xml, `count(${paragraphs}[1]/${el('content')}//${el('blockList')})`)).toBe('2');
    const all = xpath(xml, `string(/${el('akomaNtoso')})`);
    for (const name of COUNTRY_NAMES) expect(all).toContain(name);
  });

  it('derives each clause element eId and GUID from the clause id', () => {
    expect(xpath(xml, `string(//${el('recital')}[1]/@eId)`)).toBe(`recital_${IDS.pp1}`);
    expect(xpath(xml, `string(//${el('recital')}[2]/@eId)`)).toBe('recital_pp2.Noting..0000');
    expect(xpath(xml, `string(//${el('hcontainer')}/@eId)`)).toBe(`hcontainer_${IDS.section}`);
    expect(xpath(xml, `string(//${el('paragraph')}[1]/@eId)`)).toBe(`hcontainer_${IDS.section}__para_${IDS.op1}`);
    expect(xpath(xml, `string(//${el('paragraph')}[1]/@GUID)`)).toBe(aknGuid('draftFixture0001', IDS.op1));
    expect(aknGuid('draftFixture0001', IDS.op1)).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(aknGuid('draftFixture0001', IDS.op1)).not.toBe(aknGuid('draftFixture0001', IDS.op2));
    expect(aknEid('para', 'a_b')).not.toBe(aknEid('para', 'a-b'));
    const unsectioned = renderAkomaNtoso({ ...fixtureDraft(), clauses: fixtureDraft().clauses.filter((c) => c.kind !== 'section') });
    expect(xpath(unsectioned, `string(//${el('mainBody')}/${el('paragraph')}[1]/@eId)`)).toBe(`para_${IDS.op1}`);
  });

  it('keeps bold, italic and links as b, i and a', () => {
    expect(xpath(xml, `string(//${el('recital')}[1]//${el('b')}[1])`)).toBe('Türkiye');
    expect(xpath(xml, `string(//${el('recital')}[1]//${el('i')}[1])`)).toBe('Ελλάδα');
    expect(xpath(xml, `string(//${el('a')}[1]/@href)`)).toBe('https://www.ohchr.org/en/business');
  });

  it.each<[string, () => DraftText]>([
    ['an unpublished version', () => ({ ...fixtureDraft(), revision: null })],
    ['a draft without clauses', () => ({ ...fixtureDraft(), clauses: [] })],
    ['a draft of preambular clauses only', () => ({ ...fixtureDraft(), clauses: fixtureDraft().clauses.slice(0, 2) })],
    [
      'a draft with a preambular clause after the operative ones and a section with text',
      () => {
        const draft = fixtureDraft();
        const [pp1, pp2, section, op1, op2] = draft.clauses;
        return { ...draft, clauses: [op1!, { ...section!, blocks: pp1!.blocks }, pp2!, op2!] };
      },
    ],
    ['a 100-clause draft', () => largeDraft(100)],
  ])('stays valid for %s', (_name, draft) => {
    const result = validateAkn(renderAkomaNtoso(draft()));
    expect(result.messages).toContain('validates');
  });

  it('renders a hostile document as valid XML with inert text only', () => {
    const hostile = renderAkomaNtoso(hostileDraft());
    expect(validateAkn(hostile).valid).toBe(true);
    const all = xpath(hostile, `string(/${el('akomaNtoso')})`);
    expect(all).toContain(INERT_MARKUP);
    expect(xpath(hostile, `string(//${el('docTitle')})`)).toBe(HOSTILE_TITLE);
    expect(xpath(hostile, `count(//${el('a')})`)).toBe('1');
    expect(xpath(hostile, `count(//*[local-name()='script' or local-name()='img' or local-name()='style'])`)).toBe('0');
    for (const dropped of DROPPED_TEXT) expect(hostile).not.toContain(dropped);
    for (const bad of FORBIDDEN_SUBSTRINGS) expect(hostile.toLowerCase()).not.toContain(bad);
  });
});

describe('renderAkomaNtoso of a draft in negotiation', () => {
  const xml = renderAkomaNtoso(negotiationDraft());
  const neg = (name: string) => `*[local-name()='${name}' and namespace-uri()='${NEGOTIATION_NAMESPACE}']`;
  const recital = (id: string) => `//${el('recital')}[@eId='recital_${id}']`;
  const op1 = `hcontainer_${NEGOTIATION_IDS.section}__para_${NEGOTIATION_IDS.op1}`;
  const tlc = (id: string) => `delegation_${id.replace(/_/g, '.')}`;

  it('validates against the Akoma Ntoso 3.0 schema with brackets, options, a "no text" option, statuses and positions', () => {
    const result = validateAkn(xml);
    expect(result.messages).toContain('validates');
    expect(result.valid).toBe(true);
  });

  it('writes options as sibling elements, each alternative with alternativeTo naming the first option', () => {
    const first = `#recital_${NEGOTIATION_IDS.pp2}`;
    expect(xpath(xml, `count(${recital(NEGOTIATION_IDS.pp2)}/@alternativeTo)`)).toBe('0');
    expect(xpath(xml, `string(${recital(NEGOTIATION_IDS.pp2alt)}/@alternativeTo)`)).toBe(first);
    expect(xpath(xml, `string(${recital(NEGOTIATION_IDS.pp2noText)}/@alternativeTo)`)).toBe(first);
    expect(xpath(xml, `string(${recital(NEGOTIATION_IDS.pp2alt)}/preceding-sibling::*[1]/@eId)`)).toBe(first.slice(1));
    expect(xpath(xml, `string(${recital(NEGOTIATION_IDS.pp2noText)}/${el('num')})`)).toBe('PP2alt2');
    expect(xpath(xml, `string(${recital(NEGOTIATION_IDS.pp2noText)}/${el('p')}/@class)`)).toBe('noText');
    expect(xpath(xml, `string(${recital(NEGOTIATION_IDS.pp2noText)}/${el('p')})`)).toBe('No text');
  });

  it('marks bracketed text as inline name="bracket" referring to its delegation, a TLCOrganization with its name', () => {
    const brackets = `//${el('inline')}[@name='bracket']`;
    expect(xpath(xml, `count(${brackets})`)).toBe('3');
    expect(xpath(xml, `string(${brackets}[1])`)).toBe('firm commitments');
    expect(xpath(xml, `string(${brackets}[1]/${el('b')})`)).toBe('commitments');
    expect(xpath(xml, `string(${brackets}[1]/@refersTo)`)).toBe(`#${tlc(DELEGATIONS.norway.id)}`);
    for (const delegation of Object.values(DELEGATIONS)) {
      expect(xpath(xml, `string(//${el('references')}/${el('TLCOrganization')}[@eId='${tlc(delegation.id)}']/@showAs)`)).toBe(
        delegation.name,
      );
    }
    expect(xpath(xml, `count(${brackets}[not(substring(@refersTo, 2) = //${el('TLCOrganization')}/@eId)])`)).toBe('0');
  });

  it('keeps statuses, positions and option places in proprietary metadata of our namespace, pointing at clause elements', () => {
    const clause = (eId: string) =>
      `//${el('proprietary')}[@source='#secretariat']/${neg('negotiation')}/${neg('clause')}[@href='#${eId}']`;
    expect(xpath(xml, `string(${clause(op1)}/@clauseId)`)).toBe(NEGOTIATION_IDS.op1);
    expect(xpath(xml, `string(${clause(op1)}/${neg('status')}/@value)`)).toBe('agreed-ad-ref');
    expect(xpath(xml, `string(${clause(op1)}/${neg('status')}/@date)`)).toBe('2025-03-01T10:00:00.000Z');
    expect(xpath(xml, `string(${clause(op1)}/${neg('status')}/@by)`)).toBe('Secretariat member');
    expect(xpath(xml, `string(${clause(op1)}/${neg('status')})`)).toBe(STATUS_NOTE);
    const norway = `${clause(op1)}/${neg('position')}[@delegation='#${tlc(DELEGATIONS.norway.id)}']`;
    expect(xpath(xml, `string(${norway}/@value)`)).toBe('reservation');
    expect(xpath(xml, `string(${norway})`)).toBe(HOSTILE_RESERVATION);
    expect(xpath(xml, `string(${clause(op1)}/${neg('position')}[@delegation='#${tlc(DELEGATIONS.us.id)}']/@value)`)).toBe('supports');
    const noText = `${clause(`recital_${NEGOTIATION_IDS.pp2noText}`)}/${neg('option')}`;
    expect(xpath(xml, `string(${noText}/@index)`)).toBe('3');
    expect(xpath(xml, `string(${noText}/@count)`)).toBe('3');
    expect(xpath(xml, `string(${noText}/@noText)`)).toBe('true');
    expect(xpath(xml, `string(${noText}/@alternativeTo)`)).toBe(`#recital_${NEGOTIATION_IDS.pp2}`);
    expect(xpath(xml, `count(//${neg('clause')}[not(substring(@href, 2) = //@eId)])`)).toBe('0');
  });

  it('keeps delegation names and reservation texts inert: escaped text, no element or attribute from them', () => {
    expect(xpath(xml, `count(//*[local-name()='script' or local-name()='img' or local-name()='a'])`)).toBe('0');
    expect(xpath(xml, `count(//@*[starts-with(name(), 'on')])`)).toBe('0');
  });

  it('writes no negotiation metadata for a draft without any', () => {
    const plain = renderAkomaNtoso(fixtureDraft());
    expect(plain).not.toContain('proprietary');
    expect(xpath(plain, `count(//${el('TLCOrganization')})`)).toBe('1');
  });
});
