import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { deleteClause } from '../../../shared/doc/deleteClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { getMeta, META_FIELD } from '../../../shared/doc/schema.js';
import type { DraftTextSource } from '../../../shared/export/draftTextFromDoc.js';

/** Fixed clause ids (16 URL-safe characters, as newClauseId makes them), so expected output can name them. */
export const IDS = {
  pp1: 'pp1-Recalling000',
  pp2: 'pp2_Noting__0000',
  section: 'sec-Commitments0',
  op1: 'op1-HumanRights0',
  op2: 'op2-Stakeholder0',
  deleted: 'deleted-clause00',
} as const;

/** The countries whose names every format must carry intact (Latin with diacritics, Greek, Cyrillic). */
export const COUNTRY_NAMES = ['Türkiye', 'Ελλάδα', 'Україна', "Côte d'Ivoire"] as const;

export const FIXTURE_SOURCE: DraftTextSource = {
  draftId: 'draftFixture0001',
  revision: 'Rev.2',
  versionLabel: 'Before the plenary',
  date: '2025-03-01T14:05:09.000Z',
};

type Attrs = Record<string, unknown>;
type Child = string | [string, Attrs] | Y.XmlElement;

/** A paragraph element; strings become text, [text, attributes] formatted text (as y-prosemirror writes marks). */
export function paragraph(...children: Child[]): Y.XmlElement {
  return element('paragraph', ...children);
}

/** An element of any name; its children are written once it is part of a document (see fillBody). */
export function element(name: string, ...children: Child[]): Y.XmlElement {
  const el = new Y.XmlElement(name);
  pending.set(el, children);
  return el;
}

const pending = new WeakMap<Y.XmlElement, Child[]>();

/** Appends elements to a clause body and writes their (formatted) children, now that they are integrated. */
export function fillBody(doc: Y.Doc, clauseId: string, elements: Y.XmlElement[]): void {
  const body = readClause(doc, clauseId)!.body;
  doc.transact(() => {
    body.insert(body.length, elements);
    for (const el of elements) writeChildren(el);
  });
}

function writeChildren(el: Y.XmlElement): void {
  for (const child of pending.get(el) ?? []) {
    if (child instanceof Y.XmlElement) {
      el.insert(el.length, [child]);
      writeChildren(child);
    } else {
      const [text, attrs] = typeof child === 'string' ? [child, {}] : child;
      const last = el.get(el.length - 1);
      const target = last instanceof Y.XmlText ? last : new Y.XmlText();
      if (target !== last) el.insert(el.length, [target]);
      target.insert(target.length, text, attrs);
    }
  }
}

const listItem = (...children: Y.XmlElement[]) => element('listItem', ...children);

/**
 * The draft every export test reads: two preambular clauses, a section, two operative clauses with bold,
 * italic, links and nested lists, a deleted clause (which no export may show), non-Latin text throughout.
 */
export function buildFixtureDoc(): Y.Doc {
  const doc = new Y.Doc();
  getMeta(doc).set(META_FIELD.title, 'Code of Conduct on Export Controls and Human Rights');
  addClause(doc, { kind: 'preambular', id: IDS.pp1, heading: 'Recalling shared commitments', paragraphs: [] });
  addClause(doc, { kind: 'preambular', id: IDS.pp2, heading: '', paragraphs: [] });
  addClause(doc, { kind: 'section', id: IDS.section, heading: 'Commitments' });
  addClause(doc, { kind: 'operative', id: IDS.op1, heading: 'Human rights in licence reviews', paragraphs: [] });
  addClause(doc, { kind: 'operative', id: IDS.deleted, heading: 'Withdrawn proposal', paragraphs: ['Deleted text.'] });
  addClause(doc, { kind: 'operative', id: IDS.op2, heading: 'Stakeholders — Ελλάδα and Україна', paragraphs: [] });
  deleteClause(doc, IDS.deleted);

  fillBody(doc, IDS.pp1, [
    paragraph(
      'Recalling the commitments made by ',
      ['Türkiye', { bold: {} }],
      ', ',
      ['Ελλάδα', { italic: {} }],
      ', ',
      ['Україна', { bold: {}, italic: {} }],
      " and Côte d'Ivoire,",
    ),
  ]);
  fillBody(doc, IDS.pp2, [
    paragraph(
      'Noting the ',
      ['Guiding Principles', { link: { href: 'https://www.ohchr.org/en/business', target: '_blank', rel: 'noopener', class: null } }],
      ' and the ',
      ['contact point', { link: { href: 'mailto:secretariat@example.org' } }],
      ',',
    ),
  ]);
  fillBody(doc, IDS.op1, [
    paragraph('Participating States ', ['will', { bold: {} }], ' consider:'),
    element(
      'bulletList',
      listItem(
        paragraph('the risk of ', ['serious', { italic: {} }], ' violations;'),
        element('orderedList', listItem(paragraph('in Україна')), listItem(paragraph('in Ελλάδα'))),
      ),
      listItem(paragraph("the end user in Côte d'Ivoire.")),
    ),
  ]);
  fillBody(doc, IDS.op2, [
    element('orderedList', listItem(paragraph('Consult civil society in Türkiye;')), listItem(paragraph('Publish guidance.'))),
    paragraph('Stakeholders include industry.'),
  ]);
  return doc;
}
