import { useRef, useState, type KeyboardEvent } from 'react';
import type { DelegationView } from '../../shared/api/delegations.js';
import type { InvitationIssued, MemberView, UpdateMemberBody } from '../../shared/api/members.js';
import { ROLE_LABELS, ROLES, type Role } from '../../shared/roles.js';
import { toApiError, type ApiError } from '../common/api/ApiError.js';
import { ConfirmDialog } from '../common/components/ConfirmDialog.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { SelectField } from '../common/components/SelectField.js';
import { membersApi } from './membersApi.js';
import { MEMBER_STATUS_LABELS, memberStatus } from './memberStatus.js';

export interface MemberRowProps {
  member: MemberView;
  delegations: DelegationView[];
  /** The signed-in secretariat member: they cannot deactivate or demote themselves here. */
  isSelf: boolean;
  onChanged: (member: MemberView) => void;
  onIssued: (issued: InvitationIssued) => void;
  onNotice: (text: string) => void;
}

type Pending = 'deactivate' | 'reactivate' | 'reissue' | null;

/** One member: role and delegation can be changed in place; deactivation and new links ask first. */
export function MemberRow({ member, delegations, isSelf, onChanged, onIssued, onNotice }: MemberRowProps) {
  const [editing, setEditing] = useState(false);
  const [role, setRole] = useState<Role>(member.role);
  const [delegationId, setDelegationId] = useState(member.delegationId ?? '');
  const [error, setError] = useState<ApiError | string | null>(null);
  const [busy, setBusy] = useState(false);
  const [pending, setPending] = useState<Pending>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  const status = memberStatus(member);
  const delegationName = delegations.find((d) => d.id === member.delegationId)?.name;

  function startEditing() {
    setRole(member.role);
    setDelegationId(member.delegationId ?? '');
    setError(null);
    setEditing(true);
  }

  function stopEditing() {
    setEditing(false);
    setError(null);
    requestAnimationFrame(() => editButton.current?.focus());
  }

  async function save() {
    if (role === 'delegate' && !delegationId) return setError('Choose the delegation this delegate belongs to.');
    const body: UpdateMemberBody = {};
    if (role !== member.role) body.role = role;
    if ((delegationId || null) !== member.delegationId) body.delegationId = delegationId || null;
    if (Object.keys(body).length === 0) return stopEditing();
    setBusy(true);
    setError(null);
    try {
      onChanged(await membersApi.update(member.id, body));
      onNotice(`${member.name}’s role and delegation have been saved. Their open sessions have ended.`);
      stopEditing();
    } catch (reason) {
      setError(toApiError(reason));
    } finally {
      setBusy(false);
    }
  }

  async function setActive(active: boolean) {
    const updated = await membersApi.update(member.id, { active });
    onChanged(updated);
    onNotice(active ? `${member.name} has been reactivated.` : `${member.name} has been deactivated and signed out.`);
  }

  async function reissue() {
    onIssued(await membersApi.reissueInvitation(member.id));
  }

  function onKeyDown(event: KeyboardEvent) {
    if (editing && event.key === 'Escape') {
      event.preventDefault();
      stopEditing();
    }
  }

  return (
    <tr className={status === 'deactivated' ? 'row-muted' : undefined} onKeyDown={onKeyDown}>
      <th scope="row" className="member">
        <span className="member-name">
          {member.name}
          {isSelf ? <span className="self-tag"> (you)</span> : null}
        </span>
        <span className="member-email">{member.email}</span>
      </th>
      <td data-label="Role">
        {editing ? (
          <SelectField label={`Role of ${member.name}`} hideLabel value={role} onChange={(e) => setRole(e.target.value as Role)} autoFocus>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </SelectField>
        ) : (
          ROLE_LABELS[member.role]
        )}
      </td>
      <td data-label="Delegation">
        {editing ? (
          <SelectField
            label={`Delegation of ${member.name}`}
            hideLabel
            value={delegationId}
            onChange={(e) => setDelegationId(e.target.value)}
          >
            <option value="">{role === 'delegate' ? 'Choose a delegation…' : 'No delegation'}</option>
            {delegations.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </SelectField>
        ) : (
          (delegationName ?? <span className="muted">—</span>)
        )}
      </td>
      <td data-label="Status">
        <span className={`status status-${status}`}>{MEMBER_STATUS_LABELS[status].label}</span>
        {MEMBER_STATUS_LABELS[status].detail ? (
          <span className="status-detail">
            <span className="visually-hidden">, </span>
            {MEMBER_STATUS_LABELS[status].detail}
          </span>
        ) : null}
      </td>
      <td className="col-actions">
        {editing ? (
          <div className="row-actions">
            <button type="button" className="button button-small" onClick={() => void save()} disabled={busy}>
              Save
            </button>
            <button type="button" className="button button-small button-secondary" onClick={stopEditing}>
              Cancel
            </button>
          </div>
        ) : (
          <div className="row-actions">
            {isSelf ? null : (
              <button ref={editButton} type="button" className="button button-small button-secondary" onClick={startEditing}>
                Edit<span className="visually-hidden"> role and delegation of {member.name}</span>
              </button>
            )}
            {member.active ? (
              <button type="button" className="button button-small button-secondary" onClick={() => setPending('reissue')}>
                New link<span className="visually-hidden"> for {member.name}</span>
              </button>
            ) : null}
            {isSelf ? null : (
              <button
                type="button"
                className="button button-small button-secondary"
                onClick={() => setPending(member.active ? 'deactivate' : 'reactivate')}
              >
                {member.active ? 'Deactivate' : 'Reactivate'}
                <span className="visually-hidden"> {member.name}</span>
              </button>
            )}
          </div>
        )}
        <ErrorMessage error={error} />
        <ConfirmDialog
          open={pending === 'deactivate'}
          title={`Deactivate ${member.name}?`}
          confirmLabel="Deactivate"
          destructive
          onConfirm={() => setActive(false)}
          onClose={() => setPending(null)}
        >
          <p>
            {member.name} is signed out at once and can no longer sign in. What they have written stays in the drafts. You can reactivate
            them later.
          </p>
        </ConfirmDialog>
        <ConfirmDialog
          open={pending === 'reactivate'}
          title={`Reactivate ${member.name}?`}
          confirmLabel="Reactivate"
          onConfirm={() => setActive(true)}
          onClose={() => setPending(null)}
        >
          <p>{member.name} will be able to sign in again with their current role and delegation.</p>
        </ConfirmDialog>
        <ConfirmDialog
          open={pending === 'reissue'}
          title={`New invitation link for ${member.name}?`}
          confirmLabel="Create new link"
          onConfirm={reissue}
          onClose={() => setPending(null)}
        >
          <p>
            Any earlier invitation link for {member.name} stops working.
            {member.hasPassword ? ` ${member.name} can use the new link to set a new password.` : ''}
          </p>
        </ConfirmDialog>
      </td>
    </tr>
  );
}
