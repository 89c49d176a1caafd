import type { CompareResult } from '../../../shared/api/versions.js';
import type { RedlineFormat } from '../../../shared/export/exportFormats.js';
import { exportContentType, type ExportFile } from '../renderExport.js';
import { redlineFileName } from './redlineFileName.js';
import { redlineSides } from './RedlineSides.js';
import { renderRedlineDocx } from './renderRedlineDocx.js';
import { renderRedlineHtml } from './renderRedlineHtml.js';

/**
 * Renders a comparison (GET /api/drafts/:id/compare's result) as a redline file. Pure: two versions give
 * the same bytes every time; a side that is the live draft is dated when it was compared.
 */
export async function renderRedline(result: CompareResult, format: RedlineFormat): Promise<ExportFile> {
  const sides = redlineSides(result);
  const bytes =
    format === 'html'
      ? new TextEncoder().encode(renderRedlineHtml(result.comparison, sides))
      : await renderRedlineDocx(result.comparison, sides);
  return { bytes, contentType: exportContentType(format), fileName: redlineFileName(sides, format) };
}
