import { countProposalsInWords } from './describeProposal.js';

/** A clause's undecided proposals in the outline: "±2" on screen, "2 proposals" to a screen reader; nothing at 0. */
export function OutlineProposalCount({ count }: { count: number }) {
  if (count === 0) return null;
  return (
    <span className="outline-badge outline-badge-proposals" title={countProposalsInWords(count)}>
      <span aria-hidden="true">±{count}</span>
      <span className="visually-hidden">, {countProposalsInWords(count)}</span>
    </span>
  );
}
