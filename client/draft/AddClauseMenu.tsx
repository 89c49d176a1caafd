import type { ClausePlacement } from '../../shared/doc/clausePlacement.js';
import { CLAUSE_KINDS, type ClauseKind } from '../../shared/doc/schema.js';
import { useDisclosureMenu } from '../common/components/useDisclosureMenu.js';
import { CLAUSE_KIND_LABEL } from '../common/draft/clauseName.js';

export interface AddClauseMenuProps {
  clauseId: string;
  /** "OP2", "section “Preamble”": completes the button labels. */
  name: string;
  /** Adds a clause above or below; null where this person may not add clauses (a delegate in amendments mode). */
  onAdd: ((kind: ClauseKind, placement: ClausePlacement) => void) | null;
  /** Adds an option to the clause (an alternative, or "no text" when true); null where options make no sense (sections). @default null */
  onAddOption?: ((noText: boolean) => void) | null;
}

const SHORT_LABEL: Record<ClauseKind, string> = { preambular: 'Preambular', operative: 'Operative', section: 'Section' };

/**
 * "Add…" next to a clause: a small disclosure with one button per kind of clause, above and below, and
 * for clauses that can have options "Add option" and "Add “no text” option" (only those for a delegate in
 * amendments mode, who proposes text but does not add clauses).
 * Escape or a click elsewhere closes it and returns focus to the toggle.
 */
export function AddClauseMenu({ clauseId, name, onAdd, onAddOption = null }: AddClauseMenuProps) {
  const { open, setOpen, panelId, root, toggle, onKeyDown } = useDisclosureMenu((panel) =>
    panel.querySelector<HTMLButtonElement>('.add-menu-panel button')?.focus(),
  );

  function choose(kind: ClauseKind, placement: ClausePlacement) {
    setOpen(false);
    onAdd?.(kind, placement);
  }

  function chooseOption(noText: boolean) {
    setOpen(false);
    onAddOption?.(noText);
  }

  return (
    <div className="add-menu" ref={root} onKeyDown={onKeyDown}>
      <button
        ref={toggle}
        type="button"
        className="clause-action"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={onAdd ? `Add a clause above or below ${name}${onAddOption ? ', or an option' : ''}` : `Add an option to ${name}`}
        onClick={() => setOpen((value) => !value)}
      >
        Add…
      </button>
      <div className="add-menu-panel" id={panelId} hidden={!open}>
        {(onAdd ? (['above', 'below'] as const) : []).map((where) => (
          <div className="add-menu-row" key={where} role="group" aria-label={`Add ${where} ${name}`}>
            <span className="add-menu-where" aria-hidden="true">
              {where === 'above' ? 'Above' : 'Below'}
            </span>
            {CLAUSE_KINDS.map((kind) => (
              <button
                key={kind}
                type="button"
                className="add-menu-choice"
                aria-label={`Add ${CLAUSE_KIND_LABEL[kind]} ${where} ${name}`}
                onClick={() => choose(kind, where === 'above' ? { before: clauseId } : { after: clauseId })}
              >
                {SHORT_LABEL[kind]}
              </button>
            ))}
          </div>
        ))}
        {onAddOption ? (
          <div className="add-menu-row" role="group" aria-label={`Options of ${name}`}>
            <span className="add-menu-where" aria-hidden="true">
              Option
            </span>
            <button type="button" className="add-menu-choice" aria-label={`Add option to ${name}`} onClick={() => chooseOption(false)}>
              Add option
            </button>
            <button
              type="button"
              className="add-menu-choice"
              aria-label={`Add “no text” option to ${name}`}
              onClick={() => chooseOption(true)}
            >
              Add “no text” option
            </button>
          </div>
        ) : null}
      </div>
    </div>
  );
}
