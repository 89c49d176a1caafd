/**
 * The transaction origin of changes this page makes outside the clause editors (adding, moving and deleting
 * clauses, typing a heading). Undo managers track only this origin, so undo never takes back what someone
 * else did; TipTap's own undo tracks its editor's origin in the same way.
 */
export const LOCAL_ORIGIN: unique symbol = Symbol('this page');
