import * as Y from 'yjs';
import { canonicalJson } from '../../shared/export/canonicalJson.js';
import { draftTextFromDoc } from '../../shared/export/draftTextFromDoc.js';
import type { DraftText } from '../../shared/export/DraftText.js';
import { revisionName } from '../../shared/api/versions.js';
import { cleanNumbering } from '../../shared/doc/numberClauses.js';
import { readOrderedClauses } from '../../shared/doc/readOrderedClauses.js';
import { isId } from '../../shared/ids.js';
import { EMPTY_NEGOTIATION } from '../../shared/negotiation/NegotiationSnapshot.js';
import { encodeAcceptedState } from '../rooms/acceptedState.js';
import type { VersionRecord } from './records.js';
import { sha256Hex } from '../storage/sha256Hex.js';

/** A document's state captured for a version: its bytes, and a key that is equal exactly when two states are. */
export interface CapturedState {
  /** The document's accepted state as one update (encodeAcceptedState). */
  bytes: Uint8Array;
  stateKey: string;
}

/** Captures the document's full state (call inside DraftDocuments.read or .change: it copies, keeps nothing). */
export function captureState(doc: Y.Doc): CapturedState {
  return { bytes: encodeAcceptedState(doc), stateKey: stateKeyOf(doc) };
}

/**
 * sha256 of the document's Yjs snapshot (state vector and delete set, encoded in a fixed order): two
 * documents have the same key exactly when they hold the same updates, however they were loaded.
 */
export function stateKeyOf(doc: Y.Doc): string {
  return sha256Hex(Y.encodeSnapshot(Y.snapshot(doc)));
}

/** Loads a version's snapshot bytes into a fresh document, runs `use` on it, and frees it. */
export function withSnapshotDoc<T>(bytes: Uint8Array, use: (doc: Y.Doc) => T): T {
  const doc = new Y.Doc();
  try {
    Y.applyUpdate(doc, bytes);
    return use(doc);
  } finally {
    doc.destroy();
  }
}

/**
 * What of a version its text shows: dated when it was taken, titled as the draft was then, Rev.N once
 * published, with the negotiation (numbering base, statuses, positions) as it was when saved.
 */
export type VersionTextSource = Pick<VersionRecord, 'draftId' | 'label' | 'createdAt' | 'title' | 'revision' | 'negotiation'>;

/**
 * The version's DraftText, as the read-only view, comparisons and exports read it. Versions saved before
 * their negotiation was kept read as having none (clean numbers, no statuses or positions).
 */
export function versionText(doc: Y.Doc, version: VersionTextSource): DraftText {
  return draftTextFromDoc(doc, {
    draftId: version.draftId,
    revision: version.revision === null ? null : revisionName(version.revision),
    versionLabel: version.label,
    date: version.createdAt,
    title: version.title,
    negotiation: version.negotiation ?? EMPTY_NEGOTIATION,
  });
}

/**
 * The clean numbers of a version's text (clause id -> PP1, OP3 ...), stored when it is published as the base
 * later texts number against. The same clauses as its text: reading order, ids of the system's shape only.
 */
export function publishedNumbering(doc: Y.Doc): Record<string, string> {
  return cleanNumbering(readOrderedClauses(doc).filter((clause) => isId(clause.id)));
}

/** sha256 (hex) of the DraftText as canonical JSON: the bytes of its JSON export (renderJson). */
export function fingerprintOf(text: DraftText): string {
  return sha256Hex(canonicalJson(text));
}
