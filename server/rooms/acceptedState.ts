import * as Y from 'yjs';

/**
 * The document's state as an update (against `stateVector` when given), without what Yjs holds back:
 * items waiting for text the server does not have are neither sent to anyone nor stored until they are
 * part of the document. (Y.encodeStateAsUpdate would add them.)
 */
export function encodeAcceptedState(doc: Y.Doc, stateVector?: Uint8Array): Uint8Array {
  const { store } = doc;
  const { pendingStructs, pendingDs } = store;
  if (!pendingStructs && !pendingDs) return Y.encodeStateAsUpdate(doc, stateVector);
  store.pendingStructs = null;
  store.pendingDs = null;
  try {
    return Y.encodeStateAsUpdate(doc, stateVector);
  } finally {
    store.pendingStructs = pendingStructs;
    store.pendingDs = pendingDs;
  }
}
