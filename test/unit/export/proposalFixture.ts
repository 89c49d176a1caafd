import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { CLAUSE_FIELD, getMeta, META_FIELD } from '../../../shared/doc/schema.js';
import { draftTextFromDoc } from '../../../shared/export/draftTextFromDoc.js';
import type { DraftText } from '../../../shared/export/DraftText.js';
import { EMPTY_NEGOTIATION, type NegotiationSnapshot } from '../../../shared/negotiation/NegotiationSnapshot.js';
import { element, fillBody, paragraph } from './fixtureDoc.js';
import { DELEGATIONS } from './negotiationFixture.js';

/** Clause ids of the proposals fixture. */
export const PROPOSAL_CLAUSES = { pp1: 'propPP1-Recallin', op1: 'propOP1-Licences', op2: 'propOP2-Reportin' } as const;

/** Proposal ids (16 characters, as the system issues them). */
export const PROPOSAL_IDS = {
  usInsert: 'propUSinsert0001',
  noDelete: 'propNOdelete0001',
  usInList: 'propUSinList0001',
  noInsert: 'propNOinsert0001',
  hostileDelete: 'propEVdelete0001',
} as const;

const insertion = (id: string, delegation: { id: string }, more: Record<string, unknown> = {}) => ({
  insertion: { id, delegation: delegation.id },
  ...more,
});
const deletion = (id: string, delegation: { id: string }, more: Record<string, unknown> = {}) => ({
  deletion: { id, delegation: delegation.id },
  ...more,
});

/**
 * A draft in amendments mode, with proposals of two delegations (and one of the hostile delegation, whose
 * name is markup):
 * - PP1: Norway proposes to insert "firmly " (inside a Norway bracket: "[firmly recalling]");
 * - OP1: the United States propose to insert "promptly and " across a bold run ("promptly" bold), Norway to
 *   delete " all"; the hostile delegation to delete "licences";
 * - OP2: a list whose first item holds the United States' insertion " annually".
 */
export function buildProposalDoc(): Y.Doc {
  const doc = new Y.Doc();
  getMeta(doc).set(META_FIELD.title, 'Code of Conduct with amendments');
  const ids = PROPOSAL_CLAUSES;
  addClause(doc, { kind: 'preambular', id: ids.pp1, heading: 'Recalling', paragraphs: [], addedAt: 1 });
  addClause(doc, { kind: 'operative', id: ids.op1, heading: 'Licence reviews', paragraphs: [], addedAt: 2 });
  addClause(doc, { kind: 'operative', id: ids.op2, heading: 'Reporting', paragraphs: [], addedAt: 3 });
  fillBody(doc, ids.pp1, [
    paragraph(
      ['firmly ', { bracket: { delegation: DELEGATIONS.norway.id }, ...insertion(PROPOSAL_IDS.noInsert, DELEGATIONS.norway) }],
      ['recalling', { bracket: { delegation: DELEGATIONS.norway.id } }],
      ' the commitments,',
    ),
  ]);
  fillBody(doc, ids.op1, [
    paragraph(
      'States will ',
      ['promptly', insertion(PROPOSAL_IDS.usInsert, DELEGATIONS.us, { bold: {} })],
      [' and ', insertion(PROPOSAL_IDS.usInsert, DELEGATIONS.us)],
      'review',
      [' all', deletion(PROPOSAL_IDS.noDelete, DELEGATIONS.norway)],
      ' ',
      ['licences', deletion(PROPOSAL_IDS.hostileDelete, DELEGATIONS.hostile)],
      '.',
    ),
  ]);
  fillBody(doc, ids.op2, [
    element(
      'bulletList',
      element('listItem', paragraph('Report', [' annually', insertion(PROPOSAL_IDS.usInList, DELEGATIONS.us)], ';')),
      element('listItem', paragraph('Publish guidance.')),
    ),
  ]);
  return doc;
}

/** Delegation names as the negotiation snapshot gives them. */
export const PROPOSAL_NEGOTIATION: NegotiationSnapshot = {
  ...EMPTY_NEGOTIATION,
  delegations: Object.fromEntries(Object.values(DELEGATIONS).map((d) => [d.id, d.name])),
};

/** The proposals fixture as DraftText (an unpublished version). */
export function proposalDraft(doc: Y.Doc = buildProposalDoc()): DraftText {
  return draftTextFromDoc(doc, {
    draftId: 'draftProposals01',
    revision: null,
    versionLabel: 'With amendments',
    date: '2025-03-01T14:05:09Z',
    negotiation: PROPOSAL_NEGOTIATION,
  });
}

/** Clause ids of the clause proposals fixture (added to the proposals fixture). */
export const CLAUSE_PROPOSAL_CLAUSES = { op3: 'propOP3-NewClaus', op4: 'propOP4-DeleteMe' } as const;

/** Ids of the proposals on whole clauses, and of Norway's passage proposed inside the United States' new clause. */
export const CLAUSE_PROPOSAL_IDS = {
  usNewClause: 'propUSnewClause1',
  noDeleteClause: 'propNOdelClause1',
  noInNewClause: 'propNOinNewCls01',
} as const;

/**
 * The proposals fixture with two proposals on whole clauses:
 * - OP3 "Annual conference", a new clause the United States propose ("States will meet every year." with
 *   Norway's proposed insertion " in Geneva" before the full stop, and a bullet list "Report progress.");
 * - OP4 "Sanctions" ("Sanctions apply to every breach."), which Norway proposes to delete.
 */
export function buildClauseProposalDoc(): Y.Doc {
  const doc = buildProposalDoc();
  const ids = CLAUSE_PROPOSAL_CLAUSES;
  addClause(doc, {
    kind: 'operative',
    id: ids.op3,
    heading: 'Annual conference',
    paragraphs: [],
    addedAt: 4,
    proposedBy: { id: CLAUSE_PROPOSAL_IDS.usNewClause, delegation: DELEGATIONS.us.id },
  });
  addClause(doc, { kind: 'operative', id: ids.op4, heading: 'Sanctions', paragraphs: [], addedAt: 5 });
  fillBody(doc, ids.op3, [
    paragraph('States will meet every year', [' in Geneva', insertion(CLAUSE_PROPOSAL_IDS.noInNewClause, DELEGATIONS.norway)], '.'),
    element('bulletList', element('listItem', paragraph('Report progress.'))),
  ]);
  fillBody(doc, ids.op4, [paragraph('Sanctions apply to every breach.')]);
  readClause(doc, ids.op4)!.map.set(CLAUSE_FIELD.deletionProposedBy, {
    id: CLAUSE_PROPOSAL_IDS.noDeleteClause,
    delegation: DELEGATIONS.norway.id,
  });
  return doc;
}

/** Ids of the proposals in a heading (heading proposals fixture). */
export const HEADING_PROPOSAL_IDS = {
  usHeading: 'propUSheading001',
  noHeading: 'propNOheading001',
  noInNewHeading: 'propNOnewHeadng1',
} as const;

/**
 * The proposals fixture with proposals in OP1's heading "Licence reviews", written as the editor writes them
 * on the heading's Y.Text: the United States propose to insert "Periodic " before it, Norway to delete
 * " reviews" (the heading reads "Periodic Licence reviews", accepted "Periodic Licence").
 */
export function buildHeadingProposalDoc(doc: Y.Doc = buildProposalDoc()): Y.Doc {
  const heading = readClause(doc, PROPOSAL_CLAUSES.op1)!.heading;
  doc.transact(() => {
    heading.insert(0, 'Periodic ', insertion(HEADING_PROPOSAL_IDS.usHeading, DELEGATIONS.us));
    heading.format('Periodic Licence'.length, ' reviews'.length, deletion(HEADING_PROPOSAL_IDS.noHeading, DELEGATIONS.norway));
  });
  return doc;
}

/**
 * The clause proposals fixture with a proposal in the heading of a proposed new clause: Norway proposes to
 * insert " of States" after "Annual conference", the heading of the United States' proposed OP3.
 */
export function buildHeadingInNewClauseDoc(): Y.Doc {
  const doc = buildClauseProposalDoc();
  const heading = readClause(doc, CLAUSE_PROPOSAL_CLAUSES.op3)!.heading;
  heading.insert(heading.length, ' of States', insertion(HEADING_PROPOSAL_IDS.noInNewHeading, DELEGATIONS.norway));
  return doc;
}
