import * as Y from 'yjs';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { openCollabClient, signInCookie, type CollabClient } from './collabClient.js';
import { freshDatabase } from './postgres.js';
import { startTestServer, type TestServer } from './testServer.js';

/** The Redis the scale-out tests share (each process namespaces its keys by its database). */
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** A fresh database that a test's processes share. */
export interface OneDatabase {
  url: string;
  /** What every process on it is given: DATABASE_URL, REDIS_URL unless left out, and the test's own. */
  env: Record<string, string>;
  /** Starts one more process (a test server) on the database: with others at once, or later, as a fresh process. */
  start(): Promise<TestServer>;
}

/**
 * A new database for processes to share, with Redis unless `redis` is false. `env` is added to every
 * process's environment, over the rest (another Redis, a setting under test).
 */
export async function oneDatabase(options: { redis?: boolean; env?: Record<string, string> } = {}): Promise<OneDatabase> {
  const url = await freshDatabase();
  const env = { DATABASE_URL: url, ...(options.redis === false ? {} : { REDIS_URL }), ...options.env };
  return { url, env, start: () => startTestServer({ env }) };
}

/** Two processes started together on one new database (see oneDatabase). */
export async function twoProcesses(options: { redis?: boolean; env?: Record<string, string> } = {}): Promise<[TestServer, TestServer]> {
  const database = await oneDatabase(options);
  return Promise.all([database.start(), database.start()]);
}

/** A member's collab client on the draft, served by `server`. */
export async function openDraftAs(server: TestServer, draftId: string, email: string): Promise<CollabClient> {
  return openCollabClient(server, { draftId, cookie: await signInCookie(server, email) });
}

/** Every clause's heading and paragraphs, in reading order, as one string: what two converged documents share. */
export function wholeText(doc: Y.Doc): string {
  return readOrderedClauses(doc)
    .map((c) => `${c.heading.toString()}\n${readParagraphs(c.body).join('\n')}`)
    .join('\n');
}

/** The heading of the first operative clause. */
export function firstOperativeHeading(doc: Y.Doc): Y.Text {
  return readOrderedClauses(doc).find((c) => c.kind === 'operative')!.heading;
}

/** The first paragraph of the first clause that has one. */
export function firstParagraph(doc: Y.Doc): Y.XmlText {
  const clause = readOrderedClauses(doc).find((c) => c.body.length > 0)!;
  return (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
}

/** The id of the first clause whose first paragraph has text. */
export function firstClauseWithText(doc: Y.Doc): string {
  return readOrderedClauses(doc).find((c) => c.body.length > 0 && readParagraphs(c.body)[0]!.length > 0)!.id;
}
