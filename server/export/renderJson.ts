import { canonicalJson } from '../../shared/export/canonicalJson.js';
import { DraftText } from '../../shared/export/DraftText.js';

/**
 * The DraftText itself, as canonical JSON (sorted keys, 2-space indent, final newline), for machine readers.
 * It is parsed against the schema first, so no field outside the model can leak into the file.
 */
export function renderJson(draft: DraftText): string {
  return canonicalJson(DraftText.parse(draft));
}
