import { Router, type Response } from 'express';
import { CompareQuery } from '../../../shared/api/versions.js';
import { EXPORT_FORMATS, REDLINE_FORMATS } from '../../../shared/export/exportFormats.js';
import { AppError } from '../../domain/AppError.js';
import type { Services } from '../../domain/Services.js';
import { renderRedline } from '../../export/redline/renderRedline.js';
import { renderExport, type ExportFile } from '../../export/renderExport.js';
import { HTML_CONTENT_SECURITY_POLICY } from '../../export/renderHtml.js';
import { requireUser } from '../authenticate.js';
import { draftIdFor } from '../draftAccess.js';
import { validate } from '../validate.js';
import { versionIdParam } from '../pathIds.js';

/**
 * Downloads, for every member who can read the draft: a version in any export format, the live draft in
 * any export format as a working text (stamped as such, with the export time), and a redline between two
 * versions (or a version and the live draft) as HTML or Word. Served as attachments that are never cached
 * (they hold negotiating text) and never run anything if a browser opens them anyway.
 */
export function exportRoutes(services: Services): Router {
  const router = Router();

  router.get('/drafts/:id/versions/:versionId/export', requireUser, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const format = formatParam(req.query.format, EXPORT_FORMATS);
    const { text } = await services.versions.detail(draftId, versionIdParam(req.params.versionId));
    sendExport(res, await renderExport(text, format));
  });

  // The live draft as it stands, through the same renderers: a working text, not a version, so it is
  // stamped and named as one (DraftText.workingText) and dated when exported.
  router.get('/drafts/:id/export', requireUser, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const format = formatParam(req.query.format, EXPORT_FORMATS);
    sendExport(res, await renderExport(await services.versions.workingText(draftId), format));
  });

  router.get('/drafts/:id/compare/export', requireUser, async (req, res) => {
    const draftId = await draftIdFor(services, res, req.params.id);
    const format = formatParam(req.query.format, REDLINE_FORMATS);
    const query = validate(CompareQuery, { from: req.query.from, to: req.query.to });
    sendExport(res, await renderRedline(await services.versions.compare(draftId, query), format));
  });

  return router;
}

/** The `format` query parameter, one of `formats`; anything else (missing, repeated, unknown) is 400 UNSUPPORTED_FORMAT. */
function formatParam<F extends string>(value: unknown, formats: readonly F[]): F {
  if (typeof value === 'string' && (formats as readonly string[]).includes(value)) return value as F;
  throw new AppError('UNSUPPORTED_FORMAT', `Choose a format: ${formats.join(', ')}.`, { formats });
}

/**
 * Even opened in place rather than saved, an export runs no script, loads nothing and gets an opaque origin
 * (sandbox), so it can never act as the signed-in member.
 */
const EXPORT_CSP = `${HTML_CONTENT_SECURITY_POLICY}; frame-ancestors 'none'; sandbox`;

function sendExport(res: Response, file: ExportFile): void {
  res.setHeader('Content-Type', file.contentType);
  res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`);
  res.setHeader('Cache-Control', 'private, no-store');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Content-Security-Policy', EXPORT_CSP);
  res.send(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
}
