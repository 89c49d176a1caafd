import { draftTextFromDoc } from '../../shared/export/draftTextFromDoc.js';
import type { DraftText } from '../../shared/export/DraftText.js';
import type { Clock } from './Clock.js';
import type { DraftDocuments } from './DraftDocuments.js';
import { requireDraft } from './DraftService.js';
import type { NegotiationSnapshots } from './negotiation/NegotiationService.js';
import type { MetadataRepositories } from './repositories.js';

/** What reading the live draft's text needs: the same objects VersionService gets. */
export interface LiveTextDeps {
  metadata: MetadataRepositories;
  documents: DraftDocuments;
  clock: Clock;
  negotiation: NegotiationSnapshots;
}

/**
 * The live draft's DraftText as it stands now, built exactly as a version's is (draftTextFromDoc), so a
 * comparison and an export of the live draft show what a version saved at this moment would: the draft's
 * current title, and the negotiation as it stands now (brackets' delegation names, statuses, positions,
 * numbering against the latest published revision). Dated now, from the clock.
 *
 * With `workingText`, the text says it is a working text exported now (DraftText.workingText), for
 * GET /api/drafts/:id/export. DRAFT_NOT_FOUND for an unknown draft, before the document is read.
 */
export async function liveDraftText(deps: LiveTextDeps, draftId: string, options: { workingText?: boolean } = {}): Promise<DraftText> {
  const draft = requireDraft(await deps.metadata.drafts.get(draftId));
  const date = deps.clock().toISOString();
  const source = {
    draftId,
    revision: null,
    versionLabel: null,
    date,
    title: draft.title,
    negotiation: await deps.negotiation.snapshot(draftId, date),
    workingText: options.workingText === true,
  };
  return deps.documents.read(draftId, (doc) => draftTextFromDoc(doc, source));
}
