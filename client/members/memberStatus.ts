import type { MemberView } from '../../shared/api/members.js';

/** Where a member stands: can sign in, has not used their invitation yet, or is deactivated. */
export type MemberStatus = 'active' | 'invited' | 'deactivated';

/** Words shown for each status (text, never colour alone), with an optional second line. */
export const MEMBER_STATUS_LABELS: Record<MemberStatus, { label: string; detail: string | null }> = {
  active: { label: 'Active', detail: null },
  invited: { label: 'Invited', detail: 'not yet signed in' },
  deactivated: { label: 'Deactivated', detail: null },
};

export function memberStatus(member: MemberView): MemberStatus {
  if (!member.active) return 'deactivated';
  return member.hasPassword ? 'active' : 'invited';
}
