import type { ClausePlacement } from '../../shared/doc/clausePlacement.js';
import type { ClauseKind } from '../../shared/doc/schema.js';
import type { ClauseProposalActions } from '../amendments/index.js';

/**
 * What a clause card can ask the page to do; stable callbacks, so cards re-render only when their clause changes.
 * In amendments mode a delegate proposes clauses and their deletion instead (ClauseProposalActions).
 */
export interface ClauseActions extends ClauseProposalActions {
  add: (kind: ClauseKind, placement: ClausePlacement) => void;
  /** `direction` says which way it went, for the announcement. */
  move(id: string, placement: ClausePlacement, direction: 'up' | 'down' | 'drag'): void;
  remove(id: string): void;
  /** Adds an option to the clause's group of options: an alternative wording, or "no text". */
  addOption(id: string, noText: boolean): void;
  /** Settles the group whose first option is `root` on `optionId` (secretariat, through the server); rejects with its error. */
  settle(optionId: string, root: string): Promise<void>;
}
