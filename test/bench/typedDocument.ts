import * as Y from 'yjs';

/** A small deterministic random generator, so every run builds the same document. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
}

/**
 * A document as four people typing together leave it after `edits` edits (paragraphs of text in the
 * ProseMirror shape the load generator uses, `Y.XmlFragment('default')`): each edit types 1-3 letters at
 * the author's caret, deletes a few with backspace (8 %), moves the caret (5 %) or starts a new paragraph
 * (2 %); authors take turns in batches of 50 edits and see each other's work.
 */
export function typedDocument(edits: number): Y.Doc {
  const rnd = random(20260105);
  const authors = Array.from({ length: 4 }, () => ({ doc: new Y.Doc(), text: null as Y.XmlText | null, caret: 0 }));
  for (const a of authors) {
    a.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === 'peer') return;
      for (const b of authors) if (b !== a) Y.applyUpdate(b.doc, update, 'peer');
    });
  }
  for (let done = 0, turn = 0; done < edits; turn += 1) {
    const author = authors[turn % authors.length]!;
    const batch = Math.min(50, edits - done);
    author.doc.transact(() => {
      for (let i = 0; i < batch; i += 1) typeOne(author, rnd);
    });
    done += batch;
  }
  return authors[0]!.doc;
}

function typeOne(author: { doc: Y.Doc; text: Y.XmlText | null; caret: number }, rnd: () => number): void {
  const fragment = author.doc.getXmlFragment('default');
  if (!author.text || author.text._item?.deleted || rnd() < 0.02) {
    const paragraph = new Y.XmlElement('paragraph');
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    fragment.insert(Math.floor(rnd() * (fragment.length + 1)), [paragraph]);
    author.text = text;
    author.caret = 0;
  }
  const text = author.text;
  author.caret = Math.min(author.caret, text.length);
  const r = rnd();
  if (r < 0.05 && text.length > 0) {
    author.caret = Math.floor(rnd() * (text.length + 1));
  } else if (r < 0.13 && author.caret > 0) {
    const n = Math.min(author.caret, 1 + Math.floor(rnd() * 5));
    text.delete(author.caret - n, n);
    author.caret -= n;
  } else {
    const letters = 'abcdefghijklmnopqrstuvwxyz     eeettaaoi.,';
    let typed = '';
    for (let i = 1 + Math.floor(rnd() * 3); i > 0; i -= 1) typed += letters[Math.floor(rnd() * letters.length)];
    text.insert(author.caret, typed);
    author.caret += typed.length;
  }
}
