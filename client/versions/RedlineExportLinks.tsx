import { EXPORT_FORMAT_LABELS, REDLINE_FORMATS } from '../../shared/export/exportFormats.js';
import { redlineExportUrl } from './exportLinks.js';

/** Download links for the redline between the two sides shown (the server renders it as HTML or Word with tracked changes). */
export function RedlineExportLinks({ draftId, from, to }: { draftId: string; from: string; to: string }) {
  return (
    <div className="redline-export" role="group" aria-label="Export the redline">
      <span className="redline-export-label" aria-hidden="true">
        Export redline:
      </span>
      {REDLINE_FORMATS.map((format) => (
        <a key={format} className="button button-small button-secondary" href={redlineExportUrl(draftId, from, to, format)} download>
          <span>
            <span className="visually-hidden">Redline as </span>
            {EXPORT_FORMAT_LABELS[format]}
          </span>
        </a>
      ))}
    </div>
  );
}
