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
  /**
   * Proposes a new clause above or below instead (a delegate in amendments mode, for their delegation): only
   * preambular and operative paragraphs, sections being the secretariat's. Used when `onAdd` is null. @default null
   */
  onPropose?: ((kind: ClauseKind, placement: ClausePlacement) => void) | null;
  /** Adds an option to the clause (an alternative, or "no text" when true); null where options make no sense (sections). @default null */
  onAddOption?: ((noText: boolean) => void) | null;
}

const SHORT_LABEL: Record<ClauseKind, string> = { preambular: 'Preambular', operative: 'Operative', section: 'Section' };

/** The kinds of clause a delegation may propose (a section is a matter of structure, the secretariat's). */
const PROPOSED_KINDS: readonly ClauseKind[] = CLAUSE_KINDS.filter((kind) => kind !== 'section');

/**
 * "Add…" next to a clause: a small disclosure with one button per kind of clause, above and below, and
 * for clauses that can have options "Add option" and "Add “no text” option". A delegate in amendments mode
 * proposes new clauses instead ("Propose a new operative paragraph below OP2"), in their delegation's name.
 * Escape or a click elsewhere closes it and returns focus to the toggle.
 */
export function AddClauseMenu({ clauseId, name, onAdd, onPropose = null, onAddOption = null }: AddClauseMenuProps) {
  const { open, setOpen, panelId, root, toggle, onKeyDown } = useDisclosureMenu((panel) =>
    panel.querySelector<HTMLButtonElement>('.add-menu-panel button')?.focus(),
  );

  const adds = onAdd ?? onPropose;
  const proposing = onAdd === null && onPropose !== null;

  function choose(kind: ClauseKind, placement: ClausePlacement) {
    setOpen(false);
    adds?.(kind, placement);
  }

  const toggleLabel = proposing
    ? `Propose a new clause above or below ${name}${onAddOption ? ', or add an option' : ''}`
    : onAdd
      ? `Add a clause above or below ${name}${onAddOption ? ', or an option' : ''}`
      : `Add an option to ${name}`;

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
        aria-label={toggleLabel}
        onClick={() => setOpen((value) => !value)}
      >
        Add…
      </button>
      <div className="add-menu-panel" id={panelId} hidden={!open}>
        {proposing ? (
          <p className="add-menu-title" aria-hidden="true">
            Propose a new clause
          </p>
        ) : null}
        {(adds ? (['above', 'below'] as const) : []).map((where) => (
          <div
            className="add-menu-row"
            key={where}
            role="group"
            aria-label={proposing ? `Propose a new clause ${where} ${name}` : `Add ${where} ${name}`}
          >
            <span className="add-menu-where" aria-hidden="true">
              {where === 'above' ? 'Above' : 'Below'}
            </span>
            {(proposing ? PROPOSED_KINDS : CLAUSE_KINDS).map((kind) => (
              <button
                key={kind}
                type="button"
                className="add-menu-choice"
                aria-label={
                  proposing
                    ? `Propose a new ${CLAUSE_KIND_LABEL[kind]} ${where} ${name}`
                    : `Add ${CLAUSE_KIND_LABEL[kind]} ${where} ${name}`
                }
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
