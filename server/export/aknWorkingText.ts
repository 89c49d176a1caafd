import type { DraftText } from '../../shared/export/DraftText.js';
import { escapeXml } from './escapeXml.js';
import { formatLongDate, formatUtcTime, isoDay } from './exportDate.js';
import { WORKING_TEXT } from './versionLine.js';

/** The namespace of this application's export metadata inside Akoma Ntoso's <proprietary>. */
export const EXPORT_NAMESPACE = 'urn:codeofconduct:export:1';

/**
 * How Akoma Ntoso marks a working text (the live draft exported as it stands), so neither a person nor a
 * machine reading the file takes it for a version or a revision; both places are valid against the schema:
 *
 * - metadata: a <proprietary source="#…"> holding
 *   <exp:workingText xmlns:exp="urn:codeofconduct:export:1" exportedAt="<ISO 8601>">Working text, not a revision</exp:workingText>
 *   ('' for any other text); the export time is kept to the millisecond, as FRBR dates hold only a day;
 * - the preface: <docStage> (AKN's "stage in which the document sits") and the export date as <docDate>,
 *   reading as the version line every format prints: "Working text, not a revision — exported 7 December 2026, 14:05 UTC".
 */
export function aknWorkingTextMeta(draft: Pick<DraftText, 'workingText'>, source: string): string {
  if (!draft.workingText) return '';
  const at = escapeXml(draft.workingText.exportedAt);
  return `
      <proprietary source="#${source}">
        <exp:workingText xmlns:exp="${EXPORT_NAMESPACE}" exportedAt="${at}">${WORKING_TEXT}</exp:workingText>
      </proprietary>`;
}

/** The preface's version line of a working text (see aknWorkingTextMeta), as escaped XML. */
export function aknWorkingTextLine(workingText: NonNullable<DraftText['workingText']>): string {
  const at = workingText.exportedAt;
  const day = `<docDate date="${isoDay(at)}">${escapeXml(formatLongDate(at))}</docDate>`;
  return `<docStage>${WORKING_TEXT}</docStage> — exported ${day}, ${escapeXml(formatUtcTime(at))}`;
}
