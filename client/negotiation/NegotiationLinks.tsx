import { Link } from 'react-router';
import { useSession } from '../session/useSession.js';
import { mayReadAudit } from './negotiationPermissions.js';
import { negotiationPaths } from './negotiationPaths.js';

/** The draft page's way to the positions matrix (everyone) and the negotiation audit log (the secretariat). */
export function NegotiationLinks({ draftId }: { draftId: string }) {
  const { me } = useSession();
  return (
    <div className="negotiation-links">
      <Link className="button button-small button-secondary" to={negotiationPaths.positions(draftId)}>
        Positions
      </Link>
      {mayReadAudit(me) ? (
        <Link className="button button-small button-secondary" to={negotiationPaths.audit(draftId)}>
          Audit log
        </Link>
      ) : null}
    </div>
  );
}
