import { isId } from '../../shared/ids.js';

/**
 * How many colours proposals are told apart by (amendments.css defines --proposal-ink-N and --proposal-soft-N
 * for N from 0 to PROPOSAL_COLOURS - 1). More delegations than colours share them, in turn.
 */
export const PROPOSAL_COLOURS = 8;

/**
 * The colour of each delegation's proposals: the delegations in the order of their ids take the colours in
 * turn, so every page gives a delegation the same colour, and up to PROPOSAL_COLOURS delegations all differ.
 */
export function colourSlots(delegationIds: Iterable<string>): Map<string, number> {
  const sorted = [...new Set(delegationIds)].sort();
  return new Map(sorted.map((id, index) => [id, index % PROPOSAL_COLOURS]));
}

/**
 * The stylesheet that colours each delegation's proposals in the text (the editors' <ins>/<del> elements with
 * data-delegation), its proposals on whole clauses (the card's banner, and the card of a proposed new clause by
 * data-proposed-by) and its chips and passages in the panel, and outlines the selected proposal. Ids that are
 * not well-formed are left out, so nothing from the document reaches a selector unchecked.
 */
export function proposalColourRules(slots: ReadonlyMap<string, number>, selectedId: string | null): string {
  const rules: string[] = [];
  for (const [id, slot] of slots) {
    if (!isId(id)) continue;
    rules.push(
      `.proposal[data-delegation="${id}"], .proposal-chip[data-delegation="${id}"], .proposal-item[data-delegation="${id}"], ` +
        `.clause-proposal[data-delegation="${id}"], .clause[data-proposed-by="${id}"] ` +
        `{ --proposal-ink: var(--proposal-ink-${slot}); --proposal-soft: var(--proposal-soft-${slot}); }`,
    );
  }
  if (selectedId !== null && isId(selectedId))
    rules.push(
      `.proposal[data-proposal-id="${selectedId}"], .clause-proposal[data-proposal-id="${selectedId}"] ` +
        `{ outline: 2px solid var(--proposal-ink); outline-offset: 1px; }`,
    );
  return rules.join('\n');
}
