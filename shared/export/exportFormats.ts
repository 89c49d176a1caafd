/**
 * The formats a version, or the live draft as a working text, can be exported as, by the `format` query
 * parameter of GET /api/drafts/:id/versions/:versionId/export and GET /api/drafts/:id/export and the export menu:
 * md (Markdown), html (standalone HTML), docx (Word), pdf (A4 PDF), akn (Akoma Ntoso 3.0 XML), json (DraftText).
 */
export const EXPORT_FORMATS = ['md', 'html', 'docx', 'pdf', 'akn', 'json'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** What the export menu calls each format. */
export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  md: 'Markdown',
  html: 'HTML',
  docx: 'Word (DOCX)',
  pdf: 'PDF',
  akn: 'Akoma Ntoso XML',
  json: 'JSON (DraftText)',
};

export function isExportFormat(value: unknown): value is ExportFormat {
  return typeof value === 'string' && (EXPORT_FORMATS as readonly string[]).includes(value);
}

/**
 * The formats a redline (a comparison of two versions, or of a version and the live draft) can be exported
 * as, by GET /api/drafts/:id/compare/export?from=&to=&format=: html (standalone, print-ready) and docx
 * (Word tracked changes, so Accept and Reject work).
 */
export const REDLINE_FORMATS = ['html', 'docx'] as const satisfies readonly ExportFormat[];
export type RedlineFormat = (typeof REDLINE_FORMATS)[number];

export function isRedlineFormat(value: unknown): value is RedlineFormat {
  return typeof value === 'string' && (REDLINE_FORMATS as readonly string[]).includes(value);
}
