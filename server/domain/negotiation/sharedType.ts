import type * as Y from 'yjs';

/** A Yjs shared type of any kind (a text, a map, an array ...), as Yjs's own declarations name it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- Yjs types a shared type of any kind as AbstractType<any>: nothing narrower takes both a YText and the clauses map
export type SharedType = Y.AbstractType<any>;
