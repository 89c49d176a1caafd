import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { getMeta, META_FIELD } from '../../../shared/doc/schema.js';
import { draftTextFromDoc } from '../../../shared/export/draftTextFromDoc.js';
import type { DraftText } from '../../../shared/export/DraftText.js';
import { buildFixtureDoc, COUNTRY_NAMES, element, fillBody, FIXTURE_SOURCE, paragraph } from './fixtureDoc.js';
import { buildHostileDoc } from './hostileFixture.js';

/** The fixture draft as DraftText (published as Rev.2). */
export function fixtureDraft(): DraftText {
  return draftTextFromDoc(buildFixtureDoc(), FIXTURE_SOURCE);
}

/** The hostile draft as DraftText (an unpublished automatic snapshot). */
export function hostileDraft(): DraftText {
  return draftTextFromDoc(buildHostileDoc(), {
    draftId: 'hostileDraft0001',
    revision: null,
    versionLabel: 'Automatic snapshot',
    date: '2025-03-01T14:05:09Z',
  });
}

/**
 * A long draft: 20 preambular and `clauses - 20` operative clauses in sections of ten, each with two
 * paragraphs of formatted text naming the four countries and a short list, as a realistic size test.
 */
export function largeDraft(clauses = 100): DraftText {
  const doc = new Y.Doc();
  getMeta(doc).set(META_FIELD.title, 'Code of Conduct on Export Controls and Human Rights');
  for (let i = 0; i < clauses; i += 1) {
    const preambular = i < 20;
    if (!preambular && (i - 20) % 10 === 0)
      addClause(doc, { kind: 'section', id: `section-${String(i).padStart(8, '0')}`, heading: `Commitments ${(i - 20) / 10 + 1}` });
    const id = `clause-${String(i).padStart(9, '0')}`;
    addClause(doc, { kind: preambular ? 'preambular' : 'operative', id, heading: `Heading of clause ${i + 1}`, paragraphs: [] });
    fillBody(doc, id, [
      paragraph(
        `Clause ${i + 1}: `,
        [COUNTRY_NAMES[i % 4]!, { bold: {} }],
        ' and the Participating States ',
        ['shall', { italic: {} }],
        ' consider the human rights situation in the country of final destination, the risk that the items ',
        'might be used for internal repression or serious violations, and the ',
        ['guidance', { link: { href: 'https://example.org/guidance' } }],
        '.',
      ),
      element(
        'bulletList',
        element('listItem', paragraph('licence reviews;')),
        element('listItem', paragraph('stakeholder consultation.')),
      ),
      paragraph('Participating States will share information on threats and risks with ', COUNTRY_NAMES.join(', '), '.'),
    ]);
  }
  return draftTextFromDoc(doc, { draftId: 'largeDraft000001', revision: 'Rev.1', versionLabel: null, date: '2025-06-30T09:00:00Z' });
}
