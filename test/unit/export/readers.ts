import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import mammoth from 'mammoth';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { unzipSync } from 'fflate';

/** Independent readers of each export format, for tests: none of them is used to write the files. */

/** The OASIS Akoma Ntoso 3.0 schema vendored in schemas/akn (its import of xml.xsd resolves beside it, offline). */
export const AKN_XSD = path.resolve(import.meta.dirname, '../../../schemas/akn/akomantoso30.xsd');

/** The text of every page of a PDF, as pdf.js (Mozilla's reader) extracts it. */
export async function pdfPages(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false })
    .promise;
  const pages: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    const content = await (await pdf.getPage(n)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join(''));
  }
  await pdf.destroy();
  return pages;
}

/** The document information dictionary of a PDF (Title, CreationDate ...), as pdf.js reads it. */
export async function pdfInfo(bytes: Uint8Array): Promise<Record<string, unknown>> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  return info as Record<string, unknown>;
}

/** The link targets (URI actions) of every page of a PDF. */
export async function pdfLinks(bytes: Uint8Array): Promise<string[]> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const links: string[] = [];
  for (let n = 1; n <= pdf.numPages; n += 1) {
    for (const annotation of await (await pdf.getPage(n)).getAnnotations()) {
      if (annotation.subtype === 'Link') links.push(String(annotation.url ?? annotation.unsafeUrl ?? annotation.dest ?? ''));
    }
  }
  await pdf.destroy();
  return links;
}

/** A Word document as HTML, by mammoth, a reader of .docx files (headings become h1, h2 ..., lists ul/ol). */
export async function docxHtml(bytes: Uint8Array): Promise<string> {
  const styleMap = ["p[style-name='Title'] => h1.doc-title:fresh", "p[style-name='Version line'] => p.version:fresh"];
  const result = await mammoth.convertToHtml({ buffer: Buffer.from(bytes) }, { styleMap });
  return result.value;
}

/** The text of a Word document, by mammoth. */
export async function docxText(bytes: Uint8Array): Promise<string> {
  return (await mammoth.extractRawText({ buffer: Buffer.from(bytes) })).value;
}

/** The parts of a .docx (a zip package) as text, to check what lies outside the body (properties, relationships). */
export function docxParts(bytes: Uint8Array): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const [name, data] of Object.entries(unzipSync(bytes))) parts[name] = new TextDecoder().decode(data);
  return parts;
}

/** Runs xmllint on an XML string; throws when xmllint is missing (the test command installs it). */
export function xmllint(xml: string, args: string[]): { status: number; stdout: string; stderr: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'akn-'));
  try {
    const file = path.join(dir, 'doc.xml');
    writeFileSync(file, xml);
    const result = spawnSync('xmllint', [...args, file], { encoding: 'utf8' });
    if (result.error) throw new Error(`xmllint could not run (install Debian's libxml2-utils): ${result.error.message}`);
    return { status: result.status ?? -1, stdout: result.stdout, stderr: result.stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Validates against the Akoma Ntoso 3.0 schema; returns xmllint's verdict. */
export function validateAkn(xml: string): { valid: boolean; messages: string } {
  const result = xmllint(xml, ['--noout', '--nonet', '--schema', AKN_XSD]);
  return { valid: result.status === 0, messages: result.stderr };
}

/** Evaluates an XPath 1.0 expression with xmllint (elements matched by local-name(), AKN being namespaced). */
export function xpath(xml: string, expression: string): string {
  const result = xmllint(xml, ['--xpath', expression]);
  if (result.status !== 0 && result.status !== 10) throw new Error(`xpath failed: ${result.stderr}`);
  // xmllint ends its answer with a newline of its own.
  return result.stdout.replace(/\n$/, '');
}
