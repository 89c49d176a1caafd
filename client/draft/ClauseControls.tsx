import type { ClausePlacement } from '../../shared/doc/clausePlacement.js';
import type { ClauseKind } from '../../shared/doc/schema.js';
import { AddClauseMenu } from './AddClauseMenu.js';
import type { ClauseActions } from './ClauseActions.js';

/**
 * What takes the Delete button's place for a delegate in amendments mode: proposing the clause's deletion, or
 * withdrawing their delegation's proposal (the proposed deletion, or the proposed clause itself).
 */
export interface DeletionProposalControl {
  /** On the button: "Propose deletion", "Withdraw deletion", "Withdraw". */
  text: string;
  /** Its accessible name, which holds `text` (as axe requires): "Propose deletion of OP2", "Withdraw deletion of OP2". */
  label: string;
  /** What it does; null: unavailable (aria-disabled), for the reason in `note`. */
  onSelect: (() => void) | null;
  /** Why it is unavailable, or what it does, as its description. @default none */
  note?: string | null;
}

export interface ClauseControlsProps {
  id: string;
  /** "OP2", "section “Preamble”": completes the button labels. */
  name: string;
  previousId: string | null;
  nextId: string | null;
  actions: ClauseActions;
  /** Shown for a clause without a heading: reveals and focuses the heading field. */
  onAddHeading: (() => void) | null;
  /** Offer "Add option" in the Add… menu (not for sections). @default false */
  canAddOption?: boolean;
  /** Offer adding clauses above and below in the Add… menu. @default true */
  canAddClause?: boolean;
  /** Offers proposing new clauses above and below in the Add… menu instead (a delegate in amendments mode). @default null */
  onPropose?: ((kind: ClauseKind, placement: ClausePlacement) => void) | null;
  /** Replaces Delete for a delegate in amendments mode (see DeletionProposalControl). @default null */
  deletion?: DeletionProposalControl | null;
  /**
   * Why this person may not move or delete the clause (a delegate in amendments mode): Move and Delete are
   * shown unavailable, with this reason as their description; null when they may. @default null
   */
  structureNote?: string | null;
  /** Leave Move and Delete out altogether (an agreed clause, whose card says it is locked). @default false */
  locked?: boolean;
}

/**
 * The structure controls of one clause for editors: Move up, Move down, Add heading, Add… and Delete.
 * They float on the clause's top edge while it is hovered or holds focus, so they take no room in the text.
 * Controls this person cannot use here are aria-disabled rather than removed when there is a reason to
 * give (amendments mode), so a keyboard user still reaches them and hears why; on a locked clause they are
 * left out, and the card says why.
 */
export function ClauseControls({
  id,
  name,
  previousId,
  nextId,
  actions,
  onAddHeading,
  canAddOption = false,
  canAddClause = true,
  onPropose = null,
  deletion = null,
  structureNote = null,
  locked = false,
}: ClauseControlsProps) {
  const fixed = structureNote !== null;
  const offersAdd = canAddClause || canAddOption || onPropose !== null;
  if (locked && !offersAdd) return null;
  return (
    <div className="clause-actions" role="group" aria-label={`Actions for ${name}`}>
      {locked ? null : (
        <>
          <button
            type="button"
            className="clause-action"
            aria-label={`Move ${name} up`}
            aria-keyshortcuts={fixed ? undefined : 'Alt+Shift+ArrowUp'}
            title={structureNote ?? 'Move up (Alt+Shift+Up)'}
            disabled={!fixed && !previousId}
            aria-disabled={fixed || undefined}
            onClick={() => !fixed && previousId && actions.move(id, { before: previousId }, 'up')}
          >
            ↑
          </button>
          <button
            type="button"
            className="clause-action"
            aria-label={`Move ${name} down`}
            aria-keyshortcuts={fixed ? undefined : 'Alt+Shift+ArrowDown'}
            title={structureNote ?? 'Move down (Alt+Shift+Down)'}
            disabled={!fixed && !nextId}
            aria-disabled={fixed || undefined}
            onClick={() => !fixed && nextId && actions.move(id, { after: nextId }, 'down')}
          >
            ↓
          </button>
        </>
      )}
      {onAddHeading && !locked ? (
        <button type="button" className="clause-action" aria-label={`Add a heading to ${name}`} onClick={onAddHeading}>
          Heading
        </button>
      ) : null}
      {offersAdd ? (
        <AddClauseMenu
          clauseId={id}
          name={name}
          onAdd={canAddClause ? actions.add : null}
          onPropose={onPropose}
          onAddOption={canAddOption ? (noText) => actions.addOption(id, noText) : null}
        />
      ) : null}
      {locked ? null : deletion ? (
        <button
          type="button"
          className="clause-action clause-action-danger clause-action-proposal"
          aria-label={deletion.label}
          title={deletion.note ?? undefined}
          aria-disabled={deletion.onSelect === null || undefined}
          onClick={() => deletion.onSelect?.()}
        >
          {deletion.text}
        </button>
      ) : (
        <button
          type="button"
          className="clause-action clause-action-danger"
          aria-label={`Delete ${name}`}
          title={structureNote ?? undefined}
          aria-disabled={fixed || undefined}
          onClick={() => !fixed && actions.remove(id)}
        >
          Delete
        </button>
      )}
    </div>
  );
}
