import { useMemo } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { CLOSE_CODE } from '../../shared/collab/closeCodes.js';
import { readTitle } from '../../shared/doc/schema.js';
import { AmendmentsProvider, EditingModeBadge } from '../amendments/index.js';
import { CommentsProvider, CommentsToggle } from '../comments/index.js';
import { draftsApi } from '../common/api/draftsApi.js';
import { useApiResource } from '../common/api/useApiResource.js';
import { describeConnection } from '../common/collab/describeConnection.js';
import { needsSignIn } from '../common/collab/needsSignIn.js';
import { useDraftConnection } from '../common/collab/useDraftConnection.js';
import { useParticipants } from '../common/collab/useParticipants.js';
import { useUnsavedChangesWarning } from '../common/collab/useUnsavedChangesWarning.js';
import { ArchivedNote } from '../common/draft/ArchivedNote.js';
import { DraftArchivedContext } from '../common/draft/draftArchived.js';
import { ErrorMessage } from '../common/components/ErrorMessage.js';
import { LoadingMessage } from '../common/components/LoadingMessage.js';
import { PageHeading } from '../common/components/PageHeading.js';
import { FindInDraft } from '../find/index.js';
import { HelpMenu } from '../help/index.js';
import { NegotiationProvider } from '../negotiation/index.js';
import { useSession } from '../session/index.js';
import { DraftVersionTools } from '../versions/index.js';
import { ConnectionProblem } from './ConnectionProblem.js';
import { DraftMoreMenu } from './DraftMoreMenu.js';
import { DraftWorkspace } from './DraftWorkspace.js';
import { EditRefusedNotice } from './EditRefusedNotice.js';
import { PresenceList } from './PresenceList.js';
import { ReviewerNote } from './ReviewerNote.js';
import { SaveStatus } from './SaveStatus.js';
import { useLiveDraftSummary } from './useLiveDraftSummary.js';
import '../styles/draft.css';
import '../styles/comments.css';
import '../styles/negotiation.css';
import '../styles/amendments.css';
import '../styles/print.css';

/**
 * One draft, edited clause by clause with everyone else who has it open. The title comes from the draft
 * record (the secretariat may rename it); the text from the live document over /collab/<draftId>.
 * Reviewers get the same live page, read-only; everyone can comment on clauses (CommentsProvider keeps
 * the draft's threads live from its event stream). The draft's summary follows the same stream, so its
 * editing mode (direct or amendments, shown by the title) changes live; AmendmentsProvider gives the page
 * its proposals, the view switch and the proposals panel. An archived draft is read-only for everyone, the
 * same live page as a reviewer's with comments, versions, positions and decisions left out too
 * (DraftArchivedContext); archiving and restoring it take effect on the open page at once, through the
 * same stream (and the socket, which the server closes so the page reopens it with the new permission).
 * A member the secretariat leaves out of the draft's participants while it is open has the socket closed
 * with FORBIDDEN: the page says they no longer have access and stops showing the text.
 */
export function DraftPage() {
  const { id = '' } = useParams();
  const location = useLocation();
  const { me } = useSession();
  const draft = useApiResource(() => draftsApi.get(id), id);
  const notFound = draft.error !== null;
  useLiveDraftSummary(notFound ? null : id, draft);
  const { connection, state, refusal, dismissRefusal } = useDraftConnection(notFound ? null : id);
  const others = useParticipants(connection?.provider.awareness ?? null);
  const archived = draft.data?.archived ?? false;
  const mayEdit = me !== null && me.role !== 'reviewer' && !archived;
  // After a refusal that signing in again cannot cure, typing could never be saved: the page turns read-only.
  const canEdit = mayEdit && (state.refusedWith === null || needsSignIn(state.refusedWith));
  const user = useMemo(() => ({ name: me?.name ?? '', delegation: me?.delegation?.name ?? null }), [me]);
  useUnsavedChangesWarning(mayEdit && !state.saved);
  // Left out of the draft's participants while the page was open: its text is no longer theirs to read.
  const noLongerParticipant = state.refusedWith === CLOSE_CODE.FORBIDDEN;

  if (draft.error) {
    return (
      <div className="narrow">
        <p className="back-link">
          <Link to="/drafts">← All drafts</Link>
        </p>
        <PageHeading title="Draft not available" />
        <ErrorMessage error={draft.error.code === 'DRAFT_NOT_FOUND' ? 'There is no draft at this address.' : draft.error} />
      </div>
    );
  }

  const title = draft.data?.title ?? (connection && state.everSynced ? readTitle(connection.doc) : '');
  const synced = connection && state.everSynced ? connection.doc : null;
  return (
    <DraftArchivedContext.Provider value={archived}>
      <CommentsProvider draftId={id}>
        <AmendmentsProvider draftId={id} doc={synced} editingMode={draft.data?.editingMode ?? 'direct'} me={me}>
          <div className="draft-page">
            <p className="back-link">
              <Link to="/drafts">← All drafts</Link>
            </p>
            <div className="draft-header">
              {title ? <PageHeading title={title} /> : <LoadingMessage label="Opening the draft…" />}
              {draft.data ? <EditingModeBadge draftId={id} me={me} onChanged={(summary) => draft.setData(() => summary)} /> : null}
            </div>
            <div className="draft-actions">
              <div className="draft-actions-main">
                {state.everSynced ? <CommentsToggle /> : null}
                {connection && state.everSynced ? <FindInDraft doc={connection.doc} /> : null}
                <DraftVersionTools draftId={id} />
                <DraftMoreMenu draftId={id} />
                <HelpMenu />
              </div>
              <div className="draft-actions-status">
                <SaveStatus description={describeConnection(state, !mayEdit)} />
                {state.everSynced ? <PresenceList me={user} others={others} /> : null}
              </div>
            </div>
            {archived ? <ArchivedNote /> : mayEdit ? null : <ReviewerNote />}
            {refusal ? <EditRefusedNotice refusal={refusal} onDismiss={dismissRefusal} /> : null}
            {state.refusedWith !== null ? (
              <ConnectionProblem
                code={state.refusedWith}
                returnPath={location.pathname}
                unsaved={mayEdit && !state.saved}
                onReconnect={() => connection?.reconnect()}
              />
            ) : null}
            {connection && state.everSynced && draft.data && !noLongerParticipant ? (
              <NegotiationProvider draftId={id}>
                <DraftWorkspace connection={connection} canEdit={canEdit} user={user} />
              </NegotiationProvider>
            ) : state.refusedWith === null ? (
              // The text waits for the summary too: its editing mode says whether a delegate's typing is a proposal.
              <LoadingMessage label="Loading the text…" />
            ) : null}
          </div>
        </AmendmentsProvider>
      </CommentsProvider>
    </DraftArchivedContext.Provider>
  );
}
