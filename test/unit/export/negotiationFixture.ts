import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { getMeta, META_FIELD } from '../../../shared/doc/schema.js';
import { draftTextFromDoc } from '../../../shared/export/draftTextFromDoc.js';
import type { DraftText } from '../../../shared/export/DraftText.js';
import type { NegotiationSnapshot } from '../../../shared/negotiation/NegotiationSnapshot.js';
import { XSS_PAYLOADS } from '../../helpers/xssPayloads.js';
import { fillBody, paragraph } from './fixtureDoc.js';

/** Delegation ids (16 characters, as the system issues them) and their names. */
export const DELEGATIONS = {
  norway: { id: 'delegationNorway', name: 'Norway' },
  us: { id: 'delegation_USA00', name: 'United States' },
  /** A delegation whose name is markup: every format must show it as text. */
  hostile: { id: 'delegationEvil00', name: `${XSS_PAYLOADS[7]!} *x* [y](z) \\ ]` },
} as const;

/** Clause ids of the negotiation fixture. */
export const NEGOTIATION_IDS = {
  pp1: 'negPP1-Recalling',
  pp2: 'negPP2-Option001',
  pp2alt: 'negPP2-Option002',
  pp2noText: 'negPP2-NoText003',
  section: 'negSec-Commitmnt',
  op1: 'negOP1-Agreed001',
} as const;

/** A reservation whose text is markup and Markdown syntax: every format must show it as text. */
export const HOSTILE_RESERVATION = `${XSS_PAYLOADS[0]!} [link](javascript:x) *not emphasis* & “quotes”`;
export const STATUS_NOTE = 'Pending confirmation by capitals';

const bracket = (delegation: { id: string }, more: Record<string, unknown> = {}) => ({ bracket: { delegation: delegation.id }, ...more });

/**
 * A draft in negotiation: PP1 with two bracketed passages (Norway's, partly bold, and the hostile delegation's);
 * PP2 with three options (the original, an alternative with a United States bracket, and a "no text" option);
 * a section; OP1 agreed ad ref with a note, a reservation by Norway (markup in its text), support from the
 * United States and a position of the hostile delegation.
 */
export function buildNegotiationDoc(): Y.Doc {
  const doc = new Y.Doc();
  getMeta(doc).set(META_FIELD.title, 'Code of Conduct in negotiation');
  const ids = NEGOTIATION_IDS;
  addClause(doc, { kind: 'preambular', id: ids.pp1, heading: 'Recalling', paragraphs: [], addedAt: 1 });
  addClause(doc, { kind: 'preambular', id: ids.pp2, heading: 'Noting', paragraphs: [], addedAt: 2 });
  addClause(doc, {
    kind: 'preambular',
    id: ids.pp2alt,
    after: ids.pp2,
    heading: 'Noting',
    paragraphs: [],
    alternativeTo: ids.pp2,
    addedAt: 3,
  });
  addClause(doc, {
    kind: 'preambular',
    id: ids.pp2noText,
    after: ids.pp2alt,
    paragraphs: [],
    alternativeTo: ids.pp2,
    noText: true,
    addedAt: 4,
  });
  addClause(doc, { kind: 'section', id: ids.section, heading: 'Commitments', addedAt: 5 });
  addClause(doc, {
    kind: 'operative',
    id: ids.op1,
    heading: 'Licence reviews',
    paragraphs: ['Participating States will review licences.'],
    addedAt: 6,
  });
  fillBody(doc, ids.pp1, [
    paragraph(
      'Recalling the ',
      ['firm ', bracket(DELEGATIONS.norway)],
      ['commitments', bracket(DELEGATIONS.norway, { bold: {} })],
      ' of all States',
      [' and others ', bracket(DELEGATIONS.hostile)],
      'here,',
    ),
  ]);
  fillBody(doc, ids.pp2, [paragraph('Noting the guidance,')]);
  fillBody(doc, ids.pp2alt, [paragraph('Noting ', ['with concern', bracket(DELEGATIONS.us)], ' the guidance,')]);
  return doc;
}

/** The negotiation state that goes with buildNegotiationDoc. */
export const NEGOTIATION: NegotiationSnapshot = {
  numbering: null,
  delegations: Object.fromEntries(Object.values(DELEGATIONS).map((d) => [d.id, d.name])),
  statuses: {
    [NEGOTIATION_IDS.op1]: { status: 'agreed-ad-ref', note: STATUS_NOTE, at: '2025-03-01T10:00:00.000Z', by: 'Secretariat member' },
    [NEGOTIATION_IDS.pp2]: { status: 'open', note: '', at: '2025-03-01T09:00:00.000Z', by: 'Secretariat member' },
  },
  positions: {
    [NEGOTIATION_IDS.op1]: [
      { delegationId: DELEGATIONS.us.id, position: 'supports', text: null },
      { delegationId: DELEGATIONS.norway.id, position: 'reservation', text: HOSTILE_RESERVATION },
      { delegationId: DELEGATIONS.hostile.id, position: 'can-live-with', text: null },
    ],
  },
};

/** The negotiation fixture as DraftText (an unpublished version). */
export function negotiationDraft(): DraftText {
  return draftTextFromDoc(buildNegotiationDoc(), {
    draftId: 'draftNegotiation',
    revision: null,
    versionLabel: 'Before the plenary',
    date: '2025-03-01T14:05:09Z',
    negotiation: NEGOTIATION,
  });
}
