import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addClause } from '../../shared/doc/addClause.js';
import { readParagraphs } from '../../shared/doc/clauseBody.js';
import { deleteClause } from '../../shared/doc/deleteClause.js';
import { addOption, optionGroupOf, settleOption } from '../../shared/doc/options.js';
import { readClause } from '../../shared/doc/readClause.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { CLAUSE_FIELD, getOrder } from '../../shared/doc/schema.js';
import { restoreDocument } from './restoreDocument.js';

/** A live document and a copy of it taken now, as a version. */
function liveAndVersion() {
  const live = new Y.Doc();
  const ids = ['one', 'two', 'three'].map((word) =>
    addClause(live, {
      kind: 'operative',
      heading: `Heading ${word}`,
      paragraphs: [`First paragraph of ${word}.`, `Second paragraph of ${word}.`],
    }),
  );
  const version = new Y.Doc();
  Y.applyUpdate(version, Y.encodeStateAsUpdate(live));
  return { live, version, ids };
}

const read = (doc: Y.Doc) => readOrderedClauses(doc).map((c) => [c.id, c.kind, c.heading.toString(), readParagraphs(c.body)]);

describe('restoreDocument', () => {
  it('brings back order, headings, kinds and paragraphs, and takes later clauses out of the order only', () => {
    const { live, version, ids } = liveAndVersion();
    const added = addClause(live, { kind: 'preambular', heading: 'Later', paragraphs: ['Added later.'], at: 0 });
    live.transact(() => {
      deleteClause(live, ids[1]!);
      readClause(live, ids[0]!)!.heading.insert(0, 'Changed ');
      readClause(live, ids[2]!)!.map.set('kind', 'preambular');
      (readClause(live, ids[2]!)!.body.get(1) as Y.XmlElement).insert(0, [new Y.XmlText('Rewritten. ')]);
    });
    live.transact(() => restoreDocument(live, version));
    expect(read(live)).toEqual(read(version));
    expect(readClause(live, added)).not.toBeNull();
    expect(getOrder(live).toArray()).toEqual(ids);
  });

  it('leaves untouched paragraphs in place, so anchors into them still resolve', () => {
    const { live, version, ids } = liveAndVersion();
    const body = readClause(live, ids[0]!)!.body;
    const kept = (body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    const anchor = Y.createRelativePositionFromTypeIndex(kept, 6);
    (body.get(1) as Y.XmlElement).insert(0, [new Y.XmlText('Extra. ')]);
    live.transact(() => restoreDocument(live, version));
    expect((body.get(0) as Y.XmlElement).get(0) === kept).toBe(true);
    const position = Y.createAbsolutePositionFromRelativePosition(anchor, live);
    expect(position?.type === kept && position.index === 6).toBe(true);
    expect(readParagraphs(body)).toEqual(['First paragraph of one.', 'Second paragraph of one.']);
  });

  it('copies formatting with the text it restores', () => {
    const { live, ids } = liveAndVersion();
    const text = (doc: Y.Doc) => (readClause(doc, ids[0]!)!.body.get(0) as Y.XmlElement).get(0) as Y.XmlText;
    text(live).format(0, 5, { bold: {}, 'link--x1': { href: 'https://example.org' } });
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(live));
    text(live).format(0, 5, { bold: null, 'link--x1': null });
    text(live).insert(0, 'Plain ');
    live.transact(() => restoreDocument(live, version));
    expect(text(live).toDelta()).toEqual(text(version).toDelta());
    expect(text(live).toDelta()[0]).toMatchObject({
      insert: 'First',
      attributes: { bold: {}, 'link--x1': { href: 'https://example.org' } },
    });
  });

  it('brings back the option fields of clauses, so a settled group is a group of options again', () => {
    const { live, ids } = liveAndVersion();
    const alternative = addOption(live, ids[0]!)!;
    const noText = addOption(live, ids[0]!, { noText: true })!;
    const version = new Y.Doc();
    Y.applyUpdate(version, Y.encodeStateAsUpdate(live));
    const fields = (doc: Y.Doc) =>
      readOrderedClauses(doc).map((c) => ({
        id: c.id,
        alternativeTo: c.alternativeTo,
        noText: c.noText,
        addedAt: c.addedAt,
        succeeds: c.succeeds,
      }));
    settleOption(live, alternative);
    readClause(live, ids[1]!)!.map.set(CLAUSE_FIELD.addedAt, 1);
    expect(readClause(live, alternative)!.succeeds).toBe(ids[0]);
    live.transact(() => restoreDocument(live, version));
    expect(fields(live)).toEqual(fields(version));
    expect(optionGroupOf(live, ids[0]!)).toEqual([ids[0], alternative, noText]);
    expect(readClause(live, alternative)!.map.has(CLAUSE_FIELD.succeeds)).toBe(false);
  });

  it('recreates a missing clause with its option fields', () => {
    const source = new Y.Doc();
    const first = addClause(source, { kind: 'operative', heading: 'First', paragraphs: ['One.'], addedAt: 5 });
    const other = addOption(source, first, { noText: true })!;
    const live = new Y.Doc();
    live.transact(() => restoreDocument(live, source));
    const restored = readClause(live, other)!;
    expect([restored.alternativeTo, restored.noText, restored.addedAt]).toEqual([first, true, readClause(source, other)!.addedAt]);
    expect(readClause(live, first)!.addedAt).toBe(5);
  });

  it('changes nothing when the live document already reads like the version', () => {
    const { live, version } = liveAndVersion();
    let updates = 0;
    live.on('update', () => (updates += 1));
    live.transact(() => restoreDocument(live, version));
    expect(updates).toBe(0);
  });
});
