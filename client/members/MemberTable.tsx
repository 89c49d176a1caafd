import type { DelegationView } from '../../shared/api/delegations.js';
import type { MemberView } from '../../shared/api/members.js';
import { MemberRow, type MemberRowProps } from './MemberRow.js';

export interface MemberTableProps extends Pick<MemberRowProps, 'onChanged' | 'onIssued' | 'onNotice'> {
  members: MemberView[];
  delegations: DelegationView[];
  selfId: string | null;
}

/** Every member of the workspace with role, delegation and status. */
export function MemberTable({ members, delegations, selfId, ...handlers }: MemberTableProps) {
  return (
    <div className="table-scroll">
      <table className="table table-stack">
        <thead>
          <tr>
            <th scope="col">Member</th>
            <th scope="col">Role</th>
            <th scope="col">Delegation</th>
            <th scope="col">Status</th>
            <th scope="col" className="col-actions">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => (
            <MemberRow key={member.id} member={member} delegations={delegations} isSelf={member.id === selfId} {...handlers} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
