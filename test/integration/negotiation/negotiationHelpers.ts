import { afterEach } from 'vitest';
import * as Y from 'yjs';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { BRACKET_MARK } from '../../../shared/doc/schema.js';
import { EventStreamReader } from '../../helpers/eventStream.js';
import { ApiClient } from '../../helpers/http.js';
import { TEST_PASSWORD, type TestServer } from '../../helpers/testServer.js';

/** Signed-in API clients for every kind of member, and the delegation ids of the two delegates. */
export async function signInMembers(server: TestServer) {
  const as = (email: string) => new ApiClient(server.url).signIn(email, TEST_PASSWORD);
  const members = {
    secretariat: await as('secretariat@example.org'),
    us: await as('us@example.org'),
    dk: await as('dk@example.org'),
    reviewer: await as('reviewer@example.org'),
  };
  const delegationOf = async (api: ApiClient) => ((await api.get('/api/me')).body as { delegation: { id: string } }).delegation.id;
  return { ...members, usDelegation: await delegationOf(members.us), dkDelegation: await delegationOf(members.dk) };
}

/** The clause ids of the draft in reading order, as the server's live document has them. */
export function clauseIds(server: TestServer, draftId: string, kind?: 'preambular' | 'operative'): Promise<string[]> {
  return server.rooms.read(draftId, (doc) =>
    readOrderedClauses(doc)
      .filter((c) => kind === undefined || c.kind === kind)
      .map((c) => c.id),
  );
}

/** Opens event streams and closes them after each test. */
export function eventStreams() {
  const open: EventStreamReader[] = [];
  afterEach(() => open.splice(0).forEach((reader) => reader.close()));
  return async (server: TestServer, path: string, api: ApiClient | null): Promise<EventStreamReader> => {
    const reader = await EventStreamReader.open(`${server.url}${path}`, api?.cookie);
    open.push(reader);
    return reader;
  };
}

/** Brackets `length` characters of a clause's first paragraph from `index`, as the editor's bracket mark writes them. */
export function bracketText(doc: Y.Doc, clauseId: string, index: number, length: number, delegation: string): void {
  const clause = readOrderedClauses(doc).find((c) => c.id === clauseId)!;
  const text = (clause.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
  text.format(index, length, { [BRACKET_MARK]: { delegation } });
}
