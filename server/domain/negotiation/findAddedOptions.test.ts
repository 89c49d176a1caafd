import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../../shared/doc/addClause.js';
import { addOption } from '../../../shared/doc/options.js';
import { findAddedOptions } from './findAddedOptions.js';

/** A server document loaded from updates, as a DraftRoom loads one: nothing has asked for its root types yet. */
function serverWith(client: Y.Doc): Y.Doc {
  const server = new Y.Doc();
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client));
  return server;
}

/** Applies the client's edit to the server document; returns the transactions it made there. */
function receive(server: Y.Doc, client: Y.Doc, edit: () => void): Y.Transaction[] {
  const before = Y.encodeStateVector(client);
  edit();
  const transactions: Y.Transaction[] = [];
  const collect = (transaction: Y.Transaction) => void transactions.push(transaction);
  server.on('afterTransaction', collect);
  Y.applyUpdate(server, Y.encodeStateAsUpdate(client, before));
  server.off('afterTransaction', collect);
  return transactions;
}

describe('findAddedOptions', () => {
  it('finds the options an update added, with their place, in a document loaded from updates', () => {
    const client = new Y.Doc();
    const first = addClause(client, { kind: 'operative', heading: 'first' });
    const server = serverWith(client);
    let option = '';
    let noText = '';
    const transactions = receive(server, client, () => {
      option = addOption(client, first)!;
      noText = addOption(client, first, { noText: true })!;
    });
    expect(findAddedOptions(transactions)).toEqual([
      { clauseId: option, noText: false, index: 2, count: 3 },
      { clauseId: noText, noText: true, index: 3, count: 3 },
    ]);
  });

  it('finds nothing in typing, in a new ordinary clause, or in an option that was already there', () => {
    const client = new Y.Doc();
    const first = addClause(client, { kind: 'operative', heading: 'first', paragraphs: ['text'] });
    addOption(client, first);
    const server = serverWith(client);
    expect(findAddedOptions(receive(server, client, () => client.getMap('clauses').get(first)))).toEqual([]);
    expect(findAddedOptions(receive(server, client, () => addClause(client, { kind: 'operative' })))).toEqual([]);
    const heading = (client.getMap('clauses').get(first) as Y.Map<unknown>).get('heading') as Y.Text;
    expect(findAddedOptions(receive(server, client, () => heading.insert(0, 'typed ')))).toEqual([]);
  });
});
