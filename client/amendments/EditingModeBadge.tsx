import { useState } from 'react';
import type { DraftSummary, EditingMode } from '../../shared/api/drafts.js';
import type { MeResponse } from '../../shared/api/session.js';
import { draftsApi } from '../common/api/draftsApi.js';
import { useDraftArchived } from '../common/draft/draftArchived.js';
import { ConfirmDialog } from '../common/components/ConfirmDialog.js';
import { useAmendments } from './AmendmentsContext.js';
import { mayDecide } from './amendmentPermissions.js';

export interface EditingModeBadgeProps {
  draftId: string;
  me: MeResponse | null;
  /** The answer of a successful switch, so the page shows it before the event arrives. */
  onChanged: (draft: DraftSummary) => void;
}

/** What each mode means, in a line under the title (the badge says the mode, this says what it does for you). */
function explanation(mode: EditingMode, me: MeResponse | null): string {
  if (mode === 'direct') return 'Members with editing rights change the text directly.';
  if (me?.role === 'delegate' && me.delegation) return `Your changes are proposals of ${me.delegation.name}; the secretariat decides.`;
  if (me?.role === 'secretariat') return 'Delegations propose; you accept or reject. Your own edits change the text directly.';
  return 'Delegations propose, the secretariat decides.';
}

/**
 * The draft's editing mode by its title: "Amendments mode" (delegations propose, the secretariat decides) or
 * "Direct editing", live for everyone; the secretariat switches it here, after a confirmation saying what
 * changes for the delegations (not while the draft is archived: it does not change until restored).
 */
export function EditingModeBadge({ draftId, me, onChanged }: EditingModeBadgeProps) {
  const { editingMode } = useAmendments();
  const [confirming, setConfirming] = useState(false);
  const archived = useDraftArchived();
  const next: EditingMode = editingMode === 'direct' ? 'amendments' : 'direct';
  const amendments = editingMode === 'amendments';
  return (
    <div className="editing-mode" data-mode={editingMode}>
      <p className="editing-mode-text" role="status">
        <span className={amendments ? 'editing-mode-badge editing-mode-badge-amendments' : 'editing-mode-badge'}>
          {amendments ? 'Amendments mode' : 'Direct editing'}
        </span>{' '}
        <span className="editing-mode-explanation">{explanation(editingMode, me)}</span>
      </p>
      {mayDecide(me) && !archived ? (
        <>
          <button type="button" className="button button-small button-secondary editing-mode-switch" onClick={() => setConfirming(true)}>
            {amendments ? 'Switch to direct editing' : 'Switch to amendments mode'}
          </button>
          <ConfirmDialog
            open={confirming}
            title={amendments ? 'Switch to direct editing?' : 'Switch to amendments mode?'}
            confirmLabel={amendments ? 'Switch to direct editing' : 'Switch to amendments mode'}
            onClose={() => setConfirming(false)}
            onConfirm={async () => onChanged(await draftsApi.update(draftId, { editingMode: next }))}
          >
            {amendments ? (
              <>
                <p>Delegates will type straight into the text again, as in a shared document.</p>
                <p>Proposals already in the text stay there, tagged, until you accept or reject them.</p>
              </>
            ) : (
              <>
                <p>
                  From now on, what a delegate types becomes a proposal of their delegation, shown in its colour with its name; text they
                  delete stays in place, struck through, until you decide.
                </p>
                <p>
                  You accept or reject each proposal (one by one, per clause, per delegation or all at once). Your own edits still change
                  the text directly.
                </p>
              </>
            )}
            <p>Everyone with the draft open sees the change at once.</p>
          </ConfirmDialog>
        </>
      ) : null}
    </div>
  );
}
