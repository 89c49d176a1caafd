import { unzipSync, zipSync, type Zippable } from 'fflate';

/**
 * Makes a .docx written by the `docx` library depend on its content only. docx 9 stamps three things that
 * change on every call: the zip entries' modification times (now), the core properties' created and modified
 * dates (now) and the relationship ids of hyperlinks (random). This rewrites them: dates from `isoDate`
 * (the version's date), hyperlink ids numbered in the order the relationships file lists them.
 */
export function normalizeDocxPackage(bytes: Uint8Array, isoDate: string): Uint8Array {
  const files = unzipSync(bytes);
  const date = new Date(isoDate);
  const stamp = `${date.toISOString().slice(0, 19)}Z`;
  const core = files[CORE_PROPERTIES];
  if (core) files[CORE_PROPERTIES] = encode(fixCoreDates(decode(core), stamp));
  renumberRelationships(files);
  const zippable: Zippable = {};
  const mtime = zipTime(date);
  for (const [path, data] of Object.entries(files)) zippable[path] = [data, { mtime }];
  return zipSync(zippable, { level: 6 });
}

const CORE_PROPERTIES = 'docProps/core.xml';
const DOCUMENT_RELS = 'word/_rels/document.xml.rels';
const DOCUMENT = 'word/document.xml';

function fixCoreDates(xml: string, stamp: string): string {
  return xml.replace(/(<dcterms:(created|modified)\b[^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${stamp}$3`);
}

/** docx names hyperlink relationships `rId` + a random id; renames them rIdLink1, rIdLink2 ... everywhere. */
function renumberRelationships(files: Record<string, Uint8Array>): void {
  const rels = files[DOCUMENT_RELS];
  const doc = files[DOCUMENT];
  if (!rels || !doc) return;
  let relsXml = decode(rels);
  let docXml = decode(doc);
  const ids = [...relsXml.matchAll(/Id="([^"]+)"[^>]*TargetMode="External"/g)].map((m) => m[1]!);
  ids.forEach((id, i) => {
    const fixed = `rIdLink${i + 1}`;
    relsXml = relsXml.split(`Id="${id}"`).join(`Id="${fixed}"`);
    docXml = docXml.split(`r:id="${id}"`).join(`r:id="${fixed}"`);
  });
  files[DOCUMENT_RELS] = encode(relsXml);
  files[DOCUMENT] = encode(docXml);
}

/**
 * fflate writes a zip entry's DOS time from the Date's local-time fields; a Date whose local fields equal the
 * UTC fields of `date` makes the bytes the same in every time zone. Zip times cannot go before 1980.
 */
function zipTime(date: Date): Date {
  const year = Math.max(1980, date.getUTCFullYear());
  return new Date(year, date.getUTCMonth(), date.getUTCDate(), date.getUTCHours(), date.getUTCMinutes(), date.getUTCSeconds());
}

const decode = (bytes: Uint8Array) => new TextDecoder().decode(bytes);
const encode = (text: string) => new TextEncoder().encode(text);
