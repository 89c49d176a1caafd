import { getSchema } from '@tiptap/core';
import StarterKit from '@tiptap/starter-kit';
import { yXmlFragmentToProseMirrorRootNode } from '@tiptap/y-tiptap';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { readParagraphs } from '../../../shared/doc/clauseBody.js';
import { numberClauses } from '../../../shared/doc/numberClauses.js';
import { readOrderedClauses } from '../../../shared/doc/readOrderedClauses.js';
import { getMeta, readTitle } from '../../../shared/doc/schema.js';
import { seedDocument } from '../../../shared/doc/seedDocument.js';
import { readStarterText } from '../../../server/storage/StarterText.js';
import { PROJECT_ROOT } from '../../../server/config.js';
import path from 'node:path';

describe('seedDocument', () => {
  it('writes the starter text as title and clauses that another replica reads identically', async () => {
    const starter = await readStarterText(path.join(PROJECT_ROOT, 'drafts'));
    const doc = new Y.Doc();
    const ids = seedDocument(doc, starter);
    const replica = new Y.Doc();
    Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));

    expect(readTitle(replica)).toBe(starter.title);
    expect(getMeta(replica).get('schemaVersion')).toBe(1);
    const clauses = numberClauses(readOrderedClauses(replica));
    expect(clauses.map((c) => c.id)).toEqual(ids);
    expect(clauses.map((c) => c.kind)).toEqual(starter.clauses.map((c) => c.kind));
    expect(clauses.map((c) => c.heading.toString())).toEqual(starter.clauses.map((c) => c.heading));
    expect(clauses.map((c) => readParagraphs(c.body))).toEqual(starter.clauses.map((c) => c.paragraphs));
    expect(clauses.filter((c) => c.number).map((c) => c.number)).toEqual(['PP1', 'PP2', 'PP3', 'OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6']);
  });

  it('shapes a clause body the way TipTap reads it: paragraphs with text', () => {
    const doc = new Y.Doc();
    seedDocument(doc, { title: 'T', clauses: [{ kind: 'operative', heading: '', paragraphs: ['One.', '', 'Three.'] }] });
    const body = readOrderedClauses(doc)[0]!.body;
    const schema = getSchema([StarterKit]);
    const node = yXmlFragmentToProseMirrorRootNode(body, schema);
    expect(node.toJSON()).toEqual({
      type: 'doc',
      content: [
        { type: 'paragraph', content: [{ type: 'text', text: 'One.' }] },
        { type: 'paragraph' },
        { type: 'paragraph', content: [{ type: 'text', text: 'Three.' }] },
      ],
    });
  });
});
