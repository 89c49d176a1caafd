import type { DraftText } from '../../shared/export/DraftText.js';
import type { ExportFormat } from '../../shared/export/exportFormats.js';
import { exportFileName } from './exportFileName.js';
import { renderAkomaNtoso } from './renderAkomaNtoso.js';
import { renderDocx } from './renderDocx.js';
import { renderHtml } from './renderHtml.js';
import { renderJson } from './renderJson.js';
import { renderMarkdown } from './renderMarkdown.js';
import { renderPdf } from './renderPdf.js';

/** One exported file, ready to be served as an attachment. */
export interface ExportFile {
  bytes: Uint8Array;
  /** The Content-Type to serve it with. */
  contentType: string;
  /** ASCII file name for Content-Disposition, e.g. code-of-conduct-Rev.2.docx. */
  fileName: string;
}

interface Renderer {
  extension: string;
  contentType: string;
  render: (draft: DraftText) => string | Uint8Array | Promise<Uint8Array>;
}

const RENDERERS: Record<ExportFormat, Renderer> = {
  md: { extension: 'md', contentType: 'text/markdown; charset=utf-8', render: renderMarkdown },
  html: { extension: 'html', contentType: 'text/html; charset=utf-8', render: renderHtml },
  docx: { extension: 'docx', contentType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', render: renderDocx },
  pdf: { extension: 'pdf', contentType: 'application/pdf', render: renderPdf },
  // The media type registered for Akoma Ntoso documents.
  akn: { extension: 'akn.xml', contentType: 'application/akn+xml; charset=utf-8', render: renderAkomaNtoso },
  json: { extension: 'json', contentType: 'application/json; charset=utf-8', render: renderJson },
};

/** The Content-Type a file of this format is served with (redlines too). */
export function exportContentType(format: ExportFormat): string {
  return RENDERERS[format].contentType;
}

/**
 * Renders a DraftText in one format. Pure: the same DraftText gives the same bytes, file name and type
 * every time (no clock, no randomness), so a published revision always downloads as the same file.
 */
export async function renderExport(draft: DraftText, format: ExportFormat): Promise<ExportFile> {
  const renderer = RENDERERS[format];
  const output = await renderer.render(draft);
  const bytes = typeof output === 'string' ? new TextEncoder().encode(output) : output;
  return { bytes, contentType: renderer.contentType, fileName: exportFileName(draft, renderer.extension) };
}
