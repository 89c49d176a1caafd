import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { DraftSummary } from '../../shared/api/drafts.js';
import type { ApiResource } from '../common/api/useApiResource.js';
import { DraftUnavailable } from '../common/components/DraftUnavailable.js';
import { versionPaths } from '../common/draft/versionPaths.js';
import { NegotiationProvider } from './NegotiationProvider.js';

interface NegotiationPageFrameProps {
  draftId: string;
  /** The draft as the page loaded it: its title names the link back; an error replaces the page. */
  draft: Pick<ApiResource<DraftSummary>, 'data' | 'error'>;
  children: ReactNode;
}

/**
 * What the draft's negotiation pages (positions, audit log) have around their content, so they stay alike:
 * the message for a draft that cannot be loaded, the draft's negotiation state, and the link back to the draft.
 */
export function NegotiationPageFrame({ draftId, draft, children }: NegotiationPageFrameProps) {
  if (draft.error) return <DraftUnavailable error={draft.error} />;
  return (
    <NegotiationProvider draftId={draftId}>
      <div className="negotiation-page">
        <p className="back-link">
          <Link to={versionPaths.draft(draftId)}>← {draft.data ? draft.data.title : 'Back to the draft'}</Link>
        </p>
        {children}
      </div>
    </NegotiationProvider>
  );
}
