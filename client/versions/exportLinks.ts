import type { ExportFormat, RedlineFormat } from '../../shared/export/exportFormats.js';

/** The download address of a version in one format; the server names the file (code-of-conduct-Rev.2.docx). */
export function versionExportUrl(draftId: string, versionId: string, format: ExportFormat): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/versions/${encodeURIComponent(versionId)}/export?format=${format}`;
}

/** The download address of the live draft in one format, as a working text (code-of-conduct-working-text-2026-12-07-1405.docx). */
export function liveDraftExportUrl(draftId: string, format: ExportFormat): string {
  return `/api/drafts/${encodeURIComponent(draftId)}/export?format=${format}`;
}

/** The download address of the redline between two sides (version ids or 'live'). */
export function redlineExportUrl(draftId: string, from: string, to: string, format: RedlineFormat): string {
  const query = new URLSearchParams({ from, to, format }).toString();
  return `/api/drafts/${encodeURIComponent(draftId)}/compare/export?${query}`;
}
