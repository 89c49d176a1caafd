import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { getMeta, META_FIELD } from '../../../shared/doc/schema.js';
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
