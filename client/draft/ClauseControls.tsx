import { AddClauseMenu } from './AddClauseMenu.js';
import type { ClauseActions } from './ClauseActions.js';

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
}

/**
 * The structure controls of one clause for editors: Move up, Move down, Add heading, Add… and Delete.
 * They float on the clause's top edge while it is hovered or holds focus, so they take no room in the text.
 */
export function ClauseControls({ id, name, previousId, nextId, actions, onAddHeading, canAddOption = false }: ClauseControlsProps) {
  return (
    <div className="clause-actions" role="group" aria-label={`Actions for ${name}`}>
      <button
        type="button"
        className="clause-action"
        aria-label={`Move ${name} up`}
        aria-keyshortcuts="Alt+Shift+ArrowUp"
        title="Move up (Alt+Shift+Up)"
        disabled={!previousId}
        onClick={() => previousId && actions.move(id, { before: previousId }, 'up')}
      >
        ↑
      </button>
      <button
        type="button"
        className="clause-action"
        aria-label={`Move ${name} down`}
        aria-keyshortcuts="Alt+Shift+ArrowDown"
        title="Move down (Alt+Shift+Down)"
        disabled={!nextId}
        onClick={() => nextId && actions.move(id, { after: nextId }, 'down')}
      >
        ↓
      </button>
      {onAddHeading ? (
        <button type="button" className="clause-action" aria-label={`Add a heading to ${name}`} onClick={onAddHeading}>
          Heading
        </button>
      ) : null}
      <AddClauseMenu
        clauseId={id}
        name={name}
        onAdd={actions.add}
        onAddOption={canAddOption ? (noText) => actions.addOption(id, noText) : null}
      />
      <button type="button" className="clause-action clause-action-danger" aria-label={`Delete ${name}`} onClick={() => actions.remove(id)}>
        Delete
      </button>
    </div>
  );
}
