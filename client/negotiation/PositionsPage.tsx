import { useParams } from 'react-router';
import { draftsApi } from '../common/api/draftsApi.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { closeCodeText } from '../common/collab/describeConnection.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { MatrixLegend } from './MatrixLegend.js';
import { useNegotiation } from './NegotiationContext.js';
import { NegotiationPageFrame } from './NegotiationPageFrame.js';
import { positionDelegation } from './negotiationPermissions.js';
import { PositionsMatrix } from './PositionsMatrix.js';
import { ReservationList } from './ReservationList.js';
import { useLiveClauses } from './useLiveClauses.js';
import '../styles/draft.css';
import '../styles/negotiation.css';

/**
 * The positions matrix of a draft: every delegation's position on every clause, live as delegations
 * change them, with each reservation's text. Open to every member; positions are set on the draft page.
 */
export function PositionsPage() {
  const { id = '' } = useParams();
  const draft = useApiResource(() => draftsApi.get(id), id);
  return (
    <NegotiationPageFrame draftId={id} draft={draft}>
      <PageHeading title="Positions">
        <p>
          Where each delegation stands on each clause of {draft.data ? <>“{draft.data.title}”</> : 'the draft'}. It follows changes live.
        </p>
      </PageHeading>
      <PositionsContent draftId={id} />
    </NegotiationPageFrame>
  );
}

function PositionsContent({ draftId }: { draftId: string }) {
  const negotiation = useNegotiation();
  const live = useLiveClauses(draftId);
  if (!negotiation) return null;
  const { state, error, me } = negotiation;
  if (error && !state) return <ErrorMessage error={error} />;
  if (live.refusedWith !== null) return <ErrorMessage error={closeCodeText(live.refusedWith)} />;
  if (!state || !live.ready) return <LoadingMessage label="Loading the positions…" />;
  const clauses = live.clauses.filter((clause) => clause.number !== null);
  if (clauses.length === 0) return <p className="empty-state">The draft has no clauses yet.</p>;
  if (state.delegations.length === 0) return <p className="empty-state">There are no delegations yet.</p>;
  const delegations = [...state.delegations].sort((a, b) => a.name.localeCompare(b.name));
  return (
    <>
      <ErrorMessage error={error} />
      <MatrixLegend />
      <PositionsMatrix
        clauses={clauses}
        delegations={delegations}
        positions={state.positions}
        ownDelegationId={positionDelegation(me)?.id ?? null}
      />
      <ReservationList clauses={clauses} positions={state.positions} />
    </>
  );
}
