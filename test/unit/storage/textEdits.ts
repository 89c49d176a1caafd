import * as Y from 'yjs';

/** Real Yjs updates for storage tests: one per edit, each appending `[i]` to a shared text. */
export interface TextEdits {
  doc: Y.Doc;
  updates: Uint8Array[];
  /** Makes the next edit and returns its update. */
  next(): Uint8Array;
}

export function textEdits(): TextEdits {
  const doc = new Y.Doc();
  const updates: Uint8Array[] = [];
  let last: Uint8Array | null = null;
  doc.on('update', (update: Uint8Array) => {
    last = update;
  });
  return {
    doc,
    updates,
    next() {
      const text = doc.getText('t');
      text.insert(text.length, `[${updates.length}]`);
      if (!last) throw new Error('the edit produced no update');
      updates.push(last);
      return last;
    },
  };
}

/** The text the first `count` edits produce. */
export function expectedText(count: number): string {
  return Array.from({ length: count }, (_, i) => `[${i}]`).join('');
}

/** Applies loaded updates to a fresh document and returns its text. */
export function textOf(updates: readonly Uint8Array[]): string {
  const doc = new Y.Doc();
  for (const update of updates) Y.applyUpdate(doc, update);
  const text = doc.getText('t').toString();
  doc.destroy();
  return text;
}
