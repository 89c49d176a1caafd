import { useEffect, useState, type FormEvent } from 'react';
import type { DelegationView } from '../../shared/api/delegations.js';
import type { DraftParticipants } from '../../shared/api/drafts.js';
import type { MemberView } from '../../shared/api/members.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { draftsApi } from '../common/api/draftsApi.js';
import { Dialog } from '../common/components/Dialog.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { delegationsApi, membersApi } from '../members/index.js';

export interface ParticipantsDialogProps {
  draftId: string;
  open: boolean;
  onClose: () => void;
}

/**
 * The secretariat's choice of who takes part in a draft: everyone (the default), or the delegates of the
 * delegations ticked and the members ticked by name (reviewers, say). The secretariat always takes part.
 * Whoever is left out no longer finds the draft: a page they have open says they no longer have access.
 * The draft page follows the change through its event stream, so saving only closes the dialog.
 */
export function ParticipantsDialog({ draftId, open, onClose }: ParticipantsDialogProps) {
  return (
    <Dialog open={open} title="Participants" onClose={onClose}>
      <ParticipantsForm draftId={draftId} onClose={onClose} />
    </Dialog>
  );
}

interface Choices {
  participants: DraftParticipants | null;
  delegations: DelegationView[];
  /** Active members other than the secretariat, who always takes part. */
  members: MemberView[];
}

function ParticipantsForm({ draftId, onClose }: Omit<ParticipantsDialogProps, 'open'>) {
  const [choices, setChoices] = useState<Choices | null>(null);
  const [everyone, setEveryone] = useState(true);
  const [delegationIds, setDelegationIds] = useState<Set<string>>(new Set());
  const [memberIds, setMemberIds] = useState<Set<string>>(new Set());
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    Promise.all([draftsApi.get(draftId), delegationsApi.list(), membersApi.list()]).then(
      ([draft, delegations, members]) => {
        if (!current) return;
        const participants = draft.participants;
        setChoices({ participants, delegations, members: members.filter((m) => m.active && m.role !== 'secretariat') });
        setEveryone(participants === null);
        setDelegationIds(new Set(participants?.delegationIds ?? []));
        setMemberIds(new Set(participants?.memberIds ?? []));
      },
      (reason: unknown) => {
        if (current) setFailure(toApiError(reason));
      },
    );
    return () => {
      current = false;
    };
  }, [draftId]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      await draftsApi.update(draftId, {
        participants: everyone ? null : { delegationIds: [...delegationIds], memberIds: [...memberIds] },
      });
      onClose();
    } catch (reason) {
      setFailure(toApiError(reason));
      setBusy(false);
    }
  }

  if (!choices) {
    return (
      <div className="stack">
        {failure ? <ErrorMessage error={failure} /> : <LoadingMessage label="Loading the delegations and members…" />}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose}>
            Cancel
          </button>
        </div>
      </div>
    );
  }

  const delegationName = new Map(choices.delegations.map((d) => [d.id, d.name]));
  const toggle = (set: Set<string>, id: string, on: boolean) => {
    const next = new Set(set);
    if (on) next.add(id);
    else next.delete(id);
    return next;
  };
  return (
    <form onSubmit={(event) => void submit(event)} noValidate className="stack">
      <ErrorMessage error={failure} />
      <fieldset className="fieldset">
        <legend className="field-label">Who takes part</legend>
        <label className="choice">
          <input type="radio" name="participants-scope" checked={everyone} onChange={() => setEveryone(true)} autoFocus={everyone} />
          <span>
            <span className="choice-label">Everyone</span>
            <span className="choice-hint">Every member of the workspace reads this draft, as new drafts start.</span>
          </span>
        </label>
        <label className="choice">
          <input type="radio" name="participants-scope" checked={!everyone} onChange={() => setEveryone(false)} autoFocus={!everyone} />
          <span>
            <span className="choice-label">Chosen delegations and members</span>
            <span className="choice-hint">
              The secretariat always takes part. Anyone else no longer finds the draft, and a page they have open closes.
            </span>
          </span>
        </label>
      </fieldset>
      {everyone ? null : (
        <>
          <fieldset className="fieldset">
            <legend className="field-label">Delegations</legend>
            {choices.delegations.length === 0 ? <p className="field-hint">There are no delegations yet.</p> : null}
            <div className="participants-list">
              {choices.delegations.map((delegation) => (
                <label key={delegation.id} className="choice">
                  <input
                    type="checkbox"
                    checked={delegationIds.has(delegation.id)}
                    onChange={(event) => setDelegationIds((set) => toggle(set, delegation.id, event.target.checked))}
                  />
                  <span className="choice-label">{delegation.name}</span>
                </label>
              ))}
            </div>
          </fieldset>
          <fieldset className="fieldset">
            <legend className="field-label">Members by name</legend>
            <p className="field-hint">For reviewers, or a delegate whose delegation is not ticked.</p>
            <div className="participants-list">
              {choices.members.map((member) => (
                <label key={member.id} className="choice">
                  <input
                    type="checkbox"
                    checked={memberIds.has(member.id)}
                    onChange={(event) => setMemberIds((set) => toggle(set, member.id, event.target.checked))}
                  />
                  <span>
                    <span className="choice-label">{member.name}</span>
                    <span className="choice-hint">
                      {member.role === 'reviewer'
                        ? 'Reviewer'
                        : `Delegate${member.delegationId ? `, ${delegationName.get(member.delegationId) ?? ''}` : ''}`}
                    </span>
                  </span>
                </label>
              ))}
            </div>
          </fieldset>
        </>
      )}
      <div className="dialog-actions">
        <button type="button" className="button button-secondary" onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Saving…' : 'Save participants'}
        </button>
      </div>
    </form>
  );
}
