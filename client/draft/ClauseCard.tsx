import { memo, useEffect, useId, useRef, useState, type DragEvent, type FocusEvent, type KeyboardEvent } from 'react';
import type { WebsocketProvider } from 'y-websocket';
import type * as Y from 'yjs';
import type { ClausePlacement } from '../../shared/doc/clausePlacement.js';
import type { OptionPlace } from '../../shared/doc/numberClauses.js';
import type { ClauseKind, ProposalAttrs } from '../../shared/doc/schema.js';
import { isAgreedStatus } from '../../shared/negotiation/clauseStatus.js';
import { ClauseProposalBanner, describeDecisionError, useAmendments } from '../amendments/index.js';
import { ClauseCommentsButton } from '../comments/index.js';
import { useYTextValue } from '../common/collab/useYTextValue.js';
import { clauseName, clauseTextName } from '../common/draft/clauseName.js';
import { ClauseBody } from '../editor/index.js';
import { ClauseNegotiationBar, useNegotiation } from '../negotiation/index.js';
import { toApiError } from '../common/api/ApiError.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { useSession } from '../session/index.js';
import type { ClauseActions } from './ClauseActions.js';
import { ClauseControls, type DeletionProposalControl } from './ClauseControls.js';
import { DragHandle } from './DragHandle.js';
import { HeadingField } from './HeadingField.js';
import { OptionBar } from './OptionBar.js';
import type { ClauseDrag } from './useClauseDrag.js';
import { useNearViewport } from './useNearViewport.js';

/** Why a delegate in amendments mode may not change a clause's structure (Move, Delete). */
export const STRUCTURE_IS_SECRETARIAT = 'In amendments mode only the secretariat changes the structure';

export interface ClauseCardProps {
  id: string;
  kind: ClauseKind;
  number: string | null;
  heading: Y.Text;
  body: Y.XmlFragment;
  /** Its place among the options of its clause (Option 2 of 3), or null when the clause has no options. */
  option: OptionPlace | null;
  /** A "no text" option: shows "No text" instead of its body. */
  noText: boolean;
  /** A delegation's proposed new clause (amendments mode), until decided. @default null */
  proposedBy?: ProposalAttrs | null;
  /** A delegation proposes deleting the clause, until decided. @default null */
  deletionProposedBy?: ProposalAttrs | null;
  /** Neighbours in reading order, for Move up / Move down; null at either end. */
  previousId: string | null;
  nextId: string | null;
  canEdit: boolean;
  provider: WebsocketProvider;
  user: { name: string; delegation: string | null };
  actions: ClauseActions;
  drag: ClauseDrag;
  /** Where a dragged clause would land relative to this one, to draw the drop line. */
  dropSide: 'before' | 'after' | null;
}

/**
 * One clause: its number, heading and body, and for editors the structure controls (drag handle, Move
 * up / Move down, Add heading, Add…, Delete); Alt+Shift+Up/Down anywhere inside moves it. A section is a
 * heading only. An empty heading takes no room until someone adds one. Memoised: typing elsewhere or
 * moving other clauses does not re-render it. Its comment badge shows the open threads on it.
 * A clause with options says which option it is; the secretariat can settle the clause on it there.
 * More than a screen away from the viewport it is marked `data-far`, so the browser skips its layout
 * and paint (draft.css) and a keystroke elsewhere costs the same in a long draft as in a short one.
 *
 * An agreed clause (Agreed, Agreed ad ref) is locked for everyone, the secretariat included: its heading
 * and text are read-only, it has no structure controls but adding clauses beside it, and it says so; it
 * unlocks as soon as its status becomes Reopened. In amendments mode a delegate's typing in the text
 * and heading becomes proposals (ClauseBody and HeadingField with proposeAs); moving clauses is the
 * secretariat's, which the controls say; adding an option stays open to delegates. A delegate proposes new clauses (Add…)
 * and the deletion of a clause (in Delete's place) instead, and withdraws their delegation's own; in a
 * clause their delegation proposed, they write heading and text directly until it is decided. A clause
 * proposed, or proposed for deletion, says so for everyone (ClauseProposalBanner), and the views hide it as
 * they hide proposed words (amendments.css). (The server enforces all of this; the page only offers what
 * would be accepted.)
 */
export const ClauseCard = memo(function ClauseCard(props: ClauseCardProps) {
  const { id, kind, number, heading, body, option, noText, previousId, nextId, canEdit, actions, drag, dropSide } = props;
  const { proposedBy = null, deletionProposedBy = null } = props;
  const { me } = useSession();
  const { editingMode, proposeAs } = useAmendments();
  const locked = isAgreedStatus(useNegotiation()?.statusOf(id) ?? 'open');
  // Amendments mode for a delegate: a delegation to propose for, or (a delegate without one) no text to change at all.
  const delegateInAmendments = editingMode === 'amendments' && me?.role === 'delegate';
  const canChangeText = canEdit && !locked && !(delegateInAmendments && proposeAs === null);
  const canRestructure = canEdit && !locked && !delegateInAmendments;
  // The delegation's own proposed clause: theirs to write directly (heading and text) until it is decided.
  const ownProposal = proposeAs !== null && proposedBy?.delegation === proposeAs;
  // What the delegate's typing in the heading and text proposes for (none in their own proposed clause).
  const proposeFor = delegateInAmendments && !ownProposal ? proposeAs : null;
  const [proposalError, setProposalError] = useState<string | null>(null);
  const maySettle = me?.role === 'secretariat' && canEdit && !locked;
  const headingText = useYTextValue(heading);
  const [headingOpen, setHeadingOpen] = useState(false);
  const headingBox = useRef<HTMLDivElement>(null);
  const card = useRef<HTMLElement>(null);
  const near = useNearViewport(card, true);
  const name = clauseName({ number, kind }, headingText);
  const numberId = useId();
  const isSection = kind === 'section';
  const showHeading = isSection || headingText !== '' || headingOpen;

  useEffect(() => {
    if (headingOpen) headingBox.current?.querySelector<HTMLElement>('[data-heading-field]')?.focus();
  }, [headingOpen]);

  function onKeyDown(event: KeyboardEvent) {
    if (!canRestructure || !event.altKey || !event.shiftKey || event.ctrlKey || event.metaKey) return;
    if (event.key === 'ArrowUp' && previousId) {
      event.preventDefault();
      actions.move(id, { before: previousId }, 'up');
    } else if (event.key === 'ArrowDown' && nextId) {
      event.preventDefault();
      actions.move(id, { after: nextId }, 'down');
    }
  }

  const onHeadingBlur = (event: FocusEvent) => {
    if (!headingBox.current?.contains(event.relatedTarget)) setHeadingOpen(false);
  };

  const withdraw = (proposalId: string) => {
    setProposalError(null);
    actions.withdraw(proposalId).catch((reason: unknown) => setProposalError(describeDecisionError(toApiError(reason))));
  };
  const proposeHere = (newKind: ClauseKind, placement: ClausePlacement) => {
    if (proposeAs) actions.proposeClause(newKind, placement, proposeAs);
  };
  const deletion = canEdit && delegateInAmendments && proposeAs !== null ? deletionControl() : null;
  function deletionControl(): DeletionProposalControl {
    if (ownProposal && proposedBy) {
      return { text: 'Withdraw', label: `Withdraw the proposed new clause ${name}`, onSelect: () => withdraw(proposedBy.id) };
    }
    if (deletionProposedBy?.delegation === proposeAs) {
      return {
        text: 'Withdraw deletion',
        label: `Withdraw deletion of ${name}`,
        onSelect: () => withdraw(deletionProposedBy.id),
      };
    }
    if (deletionProposedBy) {
      return {
        text: 'Propose deletion',
        label: `Propose deletion of ${name}`,
        onSelect: null,
        note: 'Another delegation already proposes deleting this clause',
      };
    }
    return {
      text: 'Propose deletion',
      label: `Propose deletion of ${name}`,
      onSelect: () => proposeAs && actions.proposeDeletion(id, proposeAs),
      note: 'The clause stays until the secretariat decides',
    };
  }
  const proposalClasses = `${proposedBy ? ' clause-proposed-new' : ''}${deletionProposedBy ? ' clause-deletion-proposed' : ''}`;

  return (
    <article
      ref={card}
      id={`clause-${id}`}
      data-clause-id={id}
      className={`clause clause-${kind}${option ? (option.index === 1 ? ' clause-option' : ' clause-option clause-alternative') : ''}${proposalClasses}${dropSide ? ` drop-${dropSide}` : ''}`}
      data-proposed-by={proposedBy?.delegation}
      aria-labelledby={numberId}
      tabIndex={-1}
      onKeyDown={onKeyDown}
      onDragOverCapture={(event: DragEvent) => drag.over(event, id)}
      onDropCapture={(event: DragEvent) => drag.drop(event, id)}
    >
      <div className="clause-gutter">
        <span className="clause-number" id={numberId}>
          {isSection ? <span className="visually-hidden">{name}</span> : number}
        </span>
        {canRestructure ? <DragHandle onDragStart={(event) => drag.start(event, id)} onDragEnd={drag.end} /> : null}
        <ClauseCommentsButton clauseId={id} name={name} hideWhenEmpty={isSection} />
      </div>
      <div className="clause-main">
        {/* Only on a clause with a proposal of its own: the banner follows the proposals' context, which changes as people type. */}
        {proposedBy || deletionProposedBy ? <ClauseProposalBanner proposedBy={proposedBy} deletionProposedBy={deletionProposedBy} /> : null}
        <ErrorMessage error={proposalError} />
        {locked ? (
          <p className="clause-lock-note" data-testid="clause-lock-note">
            {me?.role === 'secretariat' ? 'Agreed — locked. Reopen the clause to change it.' : 'Agreed — the text is locked.'}
          </p>
        ) : null}
        {isSection ? (
          <h2 className="section-heading">
            <HeadingField
              text={heading}
              label="Section heading"
              placeholder="Section heading"
              readOnly={!canChangeText}
              proposeAs={proposeFor}
              className="heading-input heading-input-section"
            />
          </h2>
        ) : (
          <>
            <ClauseNegotiationBar clauseId={id} name={name} />
            {option ? (
              <OptionBar option={option} name={name} noText={noText} onSettle={maySettle ? () => actions.settle(id, option.root) : null} />
            ) : null}
            {showHeading ? (
              <div ref={headingBox} onBlur={onHeadingBlur}>
                <HeadingField
                  text={heading}
                  label={`Heading of ${name}`}
                  placeholder="Heading"
                  readOnly={!canChangeText}
                  proposeAs={proposeFor}
                  className="heading-input"
                />
              </div>
            ) : null}
            {noText ? (
              <p className="clause-no-text">No text</p>
            ) : (
              <ClauseBody
                clauseId={id}
                fragment={body}
                provider={props.provider}
                user={props.user}
                editable={canChangeText}
                proposeAs={proposeFor}
                label={clauseTextName({ number, kind }, headingText)}
                near={near}
              />
            )}
          </>
        )}
      </div>
      {canEdit ? (
        <ClauseControls
          id={id}
          name={name}
          previousId={previousId}
          nextId={nextId}
          actions={actions}
          onAddHeading={showHeading || !canChangeText ? null : () => setHeadingOpen(true)}
          canAddOption={!isSection && !locked}
          canAddClause={!delegateInAmendments}
          onPropose={delegateInAmendments && proposeAs !== null ? proposeHere : null}
          deletion={deletion}
          structureNote={delegateInAmendments ? STRUCTURE_IS_SECRETARIAT : null}
          locked={locked}
        />
      ) : null}
    </article>
  );
});
