import { Parser, type Node } from 'commonmark';
import { expect } from 'vitest';
import type * as Y from 'yjs';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { COUNTRY_NAMES } from '../../unit/export/fixtureDoc.js';
import type { CollabClient } from '../../helpers/collabClient.js';
import type { TestServer } from '../../helpers/testServer.js';
import { serverParagraphs } from '../versions/versionHelpers.js';

/** A downloaded file: status, headers and the body as bytes (ApiClient reads bodies as text, which breaks binaries). */
export interface Download {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  /** The body parsed as JSON (error responses). */
  json(): any;
  text(): string;
}

/** GETs `path` over real HTTP with the given session cookie (none when undefined). */
export async function download(server: TestServer, cookie: string | undefined, path: string): Promise<Download> {
  const res = await fetch(server.url + path, { headers: cookie ? { cookie } : {} });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const text = () => new TextDecoder().decode(bytes);
  return { status: res.status, headers: res.headers, bytes, text, json: () => JSON.parse(text()) };
}

/** Downloads `path` twice and checks both are 200 and byte for byte the same; returns the first. */
export async function downloadTwiceIdentical(server: TestServer, cookie: string, path: string): Promise<Download> {
  const first = await download(server, cookie, path);
  expect(first.status, first.text().slice(0, 300)).toBe(200);
  const second = await download(server, cookie, path);
  expect(second.status).toBe(200);
  expect(first.bytes.length).toBeGreaterThan(0);
  expect(Buffer.from(second.bytes).equals(Buffer.from(first.bytes))).toBe(true);
  return first;
}

/** The headers every export download carries: an attachment with the file name (both forms), no caching, no sniffing, a sandboxing CSP. */
export function expectAttachmentHeaders(file: Download, fileName: string, contentType: string): void {
  expect(file.headers.get('content-type')).toBe(contentType);
  expect(file.headers.get('content-disposition')).toBe(
    `attachment; filename="${fileName}"; filename*=UTF-8''${encodeURIComponent(fileName)}`,
  );
  expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  expect(file.headers.get('cache-control')).toBe('private, no-store');
  expect(file.headers.get('content-length')).toBe(String(file.bytes.length));
  const csp = file.headers.get('content-security-policy') ?? '';
  for (const directive of ["default-src 'none'", "style-src 'unsafe-inline'", "frame-ancestors 'none'", 'sandbox'])
    expect(csp).toContain(directive);
  expect(csp).not.toContain('script-src');
}

/** The sentence the tests type into OP1, naming the four countries every export must carry intact. */
export const COUNTRY_SENTENCE = `${COUNTRY_NAMES.slice(0, 3).join(', ')} and ${COUNTRY_NAMES[3]} agree. `;

/** Types the country sentence at the start of a clause's first paragraph, in a collab client, and waits until the server has it. */
export async function typeCountryNames(server: TestServer, draftId: string, editor: CollabClient, clauseId: string): Promise<void> {
  const clause = readOrderedClauses(editor.doc).find((c) => c.id === clauseId)!;
  const paragraph = clause.body.get(0) as Y.XmlElement;
  (paragraph.get(0) as Y.XmlText).insert(0, COUNTRY_SENTENCE);
  await until(
    async () => ((await serverParagraphs(server, draftId, clauseId))[0] ?? '').startsWith(COUNTRY_SENTENCE),
    'the server has the typed names',
  );
}

/** Polls an async check every 20 ms (usable in beforeAll, unlike expect.poll); fails with `what` after `timeoutMs`. */
export async function until(check: () => Promise<boolean>, what: string, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > timeoutMs) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Every node of a CommonMark document, as commonmark.js (the reference parser) reads it. */
export function markdownNodes(markdown: string): Node[] {
  const all: Node[] = [];
  const walker = new Parser().parse(markdown).walker();
  for (let step = walker.next(); step; step = walker.next()) if (step.entering) all.push(step.node);
  return all;
}

/** The text of a CommonMark node. */
export function markdownText(node: Node): string {
  let out = '';
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next())
    if (step.entering && step.node.type === 'text' && step.node.literal) out += step.node.literal;
  return out;
}
