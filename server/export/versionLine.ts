import type { DraftText } from '../../shared/export/DraftText.js';
import { formatLongDate, formatUtcTime } from './exportDate.js';

/** Shown when a draft has no title, so no export starts with an empty heading. */
export const UNTITLED_DRAFT = 'Untitled draft';

/** What of a DraftText says which text it is: enough to name and date one side of a redline too. */
export type VersionMeta = Pick<DraftText, 'title' | 'revision' | 'versionLabel' | 'date'>;

/** The title every format prints. */
export function displayTitle(draft: Pick<DraftText, 'title'>): string {
  return draft.title || UNTITLED_DRAFT;
}

/**
 * The line under the title saying which text this is: "Rev.2, 1 March 2025" for a published revision;
 * for anything else it says it is unpublished and gives the time too, since several versions can share a day:
 * "Unpublished version “Before the plenary”, 1 March 2025, 14:05 UTC", or "Live draft, ..." without a label.
 */
export function versionLine(draft: VersionMeta): string {
  const day = formatLongDate(draft.date);
  if (draft.revision !== null) return `${draft.revision}, ${day}`;
  const what = draft.versionLabel !== null ? `Unpublished version “${draft.versionLabel}”` : 'Live draft';
  return `${what}, ${day}, ${formatUtcTime(draft.date)}`;
}
