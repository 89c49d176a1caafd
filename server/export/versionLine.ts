import type { DraftText } from '../../shared/export/DraftText.js';
import { formatLongDate, formatUtcTime } from './exportDate.js';

/** Shown when a draft has no title, so no export starts with an empty heading. */
export const UNTITLED_DRAFT = 'Untitled draft';

/** What every format says a working text is (the live draft exported as it stands), before its export time. */
export const WORKING_TEXT = 'Working text, not a revision';

/** What of a DraftText says which text it is: enough to name and date one side of a redline too. */
export type VersionMeta = Pick<DraftText, 'title' | 'revision' | 'versionLabel' | 'date' | 'workingText'>;

/** The title every format prints. */
export function displayTitle(draft: Pick<DraftText, 'title'>): string {
  return draft.title || UNTITLED_DRAFT;
}

/**
 * The line under the title saying which text this is: "Rev.2, 1 March 2025" for a published revision;
 * for anything else it says it is unpublished and gives the time too, since several versions can share a day:
 * "Unpublished version “Before the plenary”, 1 March 2025, 14:05 UTC", or "Live draft, ..." without a label.
 * A working text says so first, so a reader never takes a download of the live draft for an agreed text:
 * "Working text, not a revision — exported 7 December 2026, 14:05 UTC".
 */
export function versionLine(draft: VersionMeta): string {
  if (draft.workingText) return `${WORKING_TEXT} — ${exportedLine(draft.workingText.exportedAt)}`;
  const day = formatLongDate(draft.date);
  if (draft.revision !== null) return `${draft.revision}, ${day}`;
  const what = draft.versionLabel !== null ? `Unpublished version “${draft.versionLabel}”` : 'Live draft';
  return `${what}, ${day}, ${formatUtcTime(draft.date)}`;
}

/** "exported 7 December 2026, 14:05 UTC": when a working text was exported. */
export function exportedLine(exportedAt: string): string {
  return `exported ${formatLongDate(exportedAt)}, ${formatUtcTime(exportedAt)}`;
}
