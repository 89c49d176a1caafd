import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ROLE_LABELS, type Role } from '../../shared/roles.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { useSession } from './useSession.js';

/**
 * Shows its children only to members of the given role; others get a plain explanation. The server
 * refuses the underlying API calls anyway: this only spares people a page of errors.
 */
export function RequireRole({ role, children }: { role: Role; children: ReactNode }) {
  const { me } = useSession();
  if (me?.role === role) return children;
  return (
    <div className="narrow">
      <PageHeading title="Not available">
        <p>This page is for the {ROLE_LABELS[role].toLowerCase()} only.</p>
      </PageHeading>
      <p>
        <Link to="/drafts">Go to the drafts</Link>
      </p>
    </div>
  );
}
