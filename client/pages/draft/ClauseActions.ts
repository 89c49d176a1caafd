import type { ClausePlacement } from '../../../shared/doc/clausePlacement.js';
import type { ClauseKind } from '../../../shared/doc/schema.js';

/** What a clause card can ask the page to do; stable callbacks, so cards re-render only when their clause changes. */
export interface ClauseActions {
  add(kind: ClauseKind, placement: ClausePlacement): void;
  /** `direction` says which way it went, for the announcement. */
  move(id: string, placement: ClausePlacement, direction: 'up' | 'down' | 'drag'): void;
  remove(id: string): void;
}
