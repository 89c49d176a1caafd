import { compareDrafts } from '../../../shared/compare/compareDrafts.js';
import type { DraftComparison } from '../../../shared/compare/DraftComparison.js';
import type { DraftText } from '../../../shared/export/DraftText.js';
import type { RedlineSides } from '../../../server/export/redline/RedlineSides.js';
import { bold, draft, type FixtureClause } from '../compare/fixtures.js';

/** Clause ids of the redline fixture. */
export const RL = {
  preamble: 'sec-Preamble0000',
  pp1: 'pp1-Recalling000',
  commitments: 'sec-Commitments0',
  op1: 'op1-HumanRights0',
  op2: 'op2-Consultation',
  op3: 'op3-Sharing00000',
  op4: 'op4-Capacity0000',
  added: 'opX-Transparency',
} as const;

const list = (type: 'orderedList' | 'bulletList', ...items: string[]) => ({
  type,
  items: items.map((text) => [{ type: 'paragraph' as const, content: [{ text, marks: [] }] }]),
});

const OLD: FixtureClause[] = [
  { id: RL.preamble, kind: 'section', heading: 'Preamble' },
  { id: RL.pp1, kind: 'preambular', body: ['Recalling the commitments of Türkiye and Ελλάδα,'] },
  { id: RL.commitments, kind: 'section', heading: 'Commitments' },
  { id: RL.op1, heading: 'Human rights', body: ['Subscribing States will take into account the risk.'] },
  { id: RL.op2, heading: 'Consultation', body: ['Subscribing States will consult stakeholders.'] },
  { id: RL.op3, heading: 'Sharing information', body: ['They will share:', list('orderedList', 'threats;', 'risks.')] },
  { id: RL.op4, heading: 'Capacity building', body: ['Help Україна build capacity.'] },
];

const NEW: FixtureClause[] = [
  { id: RL.preamble, kind: 'section', heading: 'Preamble' },
  { id: RL.pp1, kind: 'preambular', body: ['Recalling the commitments of Türkiye and Ελλάδα,'] },
  { id: RL.commitments, kind: 'section', heading: 'Commitments' },
  { id: RL.op4, heading: 'Capacity building', body: ['Help Україна build capacity.'] },
  {
    id: RL.op1,
    heading: 'Human rights in licence reviews',
    body: [
      [
        { text: 'Subscribing States ', marks: [] },
        { text: 'will', marks: bold },
        { text: ' carefully take into account the serious risk.', marks: [] },
      ],
    ],
  },
  {
    id: RL.op3,
    heading: 'Sharing information',
    body: ['They will share:', list('orderedList', 'threats;', 'emerging risks;', 'best practices.')],
  },
  { id: RL.added, heading: 'Transparency', body: ["Publish reports in Côte d'Ivoire."] },
];

/** Rev.1 of the fixture draft. */
export function redlineFrom(): DraftText {
  return { ...draft(OLD), revision: 'Rev.1', versionLabel: 'First reading', date: '2025-03-01T14:05:09.000Z' };
}

/** Rev.2: one clause moved up, one reworded (with bold), one removed, one list grown, one clause added. */
export function redlineTo(): DraftText {
  return { ...draft(NEW), revision: 'Rev.2', versionLabel: 'Second reading', date: '2025-04-02T10:30:00.000Z' };
}

/** The fixed comparison the redline tests render, Rev.1 to Rev.2. */
export function redlineComparison(): DraftComparison {
  return compareDrafts(redlineFrom(), redlineTo());
}

/** The sides of that comparison as the redline shows them. */
export function redlineFixtureSides(): RedlineSides {
  const meta = ({ title, revision, versionLabel, date }: DraftText) => ({ title, revision, versionLabel, date });
  return { from: meta(redlineFrom()), to: meta(redlineTo()) };
}
