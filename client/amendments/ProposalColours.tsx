import { memo, useMemo } from 'react';
import { colourSlots, proposalColourRules } from './proposalColours.js';

/**
 * The draft page's colours for each delegation's proposals, and the outline of the selected one, as a small
 * stylesheet of its own (the editors draw proposals with the delegation's id in data-delegation; which colour
 * that is depends on the delegations there are, so it cannot be written in amendments.css).
 */
export const ProposalColours = memo(function ProposalColours({
  delegationIds,
  selectedId,
}: {
  delegationIds: string[];
  selectedId: string | null;
}) {
  const rules = useMemo(() => proposalColourRules(colourSlots(delegationIds), selectedId), [delegationIds, selectedId]);
  return <style data-proposal-colours="">{rules}</style>;
});
