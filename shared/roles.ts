/**
 * The three kinds of member. Secretariat runs the process, delegates draft on behalf of one
 * delegation, reviewers read and comment but never edit text.
 */
export const ROLES = ['secretariat', 'delegate', 'reviewer'] as const;
export type Role = (typeof ROLES)[number];

/** Human labels for UI text. */
export const ROLE_LABELS: Record<Role, string> = {
  secretariat: 'Secretariat',
  delegate: 'Delegate',
  reviewer: 'Reviewer',
};
