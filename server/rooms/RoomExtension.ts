import type * as Y from 'yjs';
import type { UpdateKind } from './checkClientUpdate.js';
import type { DecodedUpdate } from './readClientUpdate.js';
import type { RoomClient, RoomMember } from './RoomClient.js';

/** A draft's live document, as extensions see it. */
export interface RoomContext {
  draftId: string;
  doc: Y.Doc;
}

/** A member's update about to be applied: it passed the room's own checks (client ids, clocks). */
export interface BeforeApplyPayload extends RoomContext {
  client: RoomClient;
  update: Uint8Array;
  /** The update decoded (structs and deletions), for rules about what it touches. */
  decoded: DecodedUpdate;
  kind: UpdateKind;
}

/** A member's update just applied, before anyone else received it or it was stored. */
export interface AfterApplyPayload extends RoomContext {
  client: RoomClient;
  /** The transactions applying the update made (several when it released items Yjs held back). */
  transactions: readonly Y.Transaction[];
  /**
   * Changes the document in a transaction of the server's own that goes out and to disk together with
   * the member's update, as one: nobody receives or stores the update without the correction.
   */
  correct: (change: (doc: Y.Doc) => void) => void;
}

/** A change of the document everyone now has: a member's update, or a change of the server's own. */
export interface ChangePayload extends RoomContext {
  /** The member whose update it was; null for the server's own changes (restore, settle, corrections). */
  member: RoomMember | null;
  transaction: Y.Transaction;
}

/**
 * Rules and reactions on a draft's document content, added to every room (in the order given), in the
 * style of Hocuspocus extensions: each hook takes one payload; every hook is optional. Extensions live with
 * their feature (negotiation: brackets, options, counts; versions: automatic snapshots); per-draft state
 * they keep from `onLoad` to `onUnload`, keyed by draft id.
 *
 * - onLoad: the document has its saved state, before any client or server code uses it.
 * - beforeApply: may refuse a member's update (throw RoomRefusal: the member's session ends with its code,
 *   nothing of the update takes effect) or rewrite it (return the update to apply instead; it goes through
 *   the room's own checks again). Runs before the update is applied, in the room's turn.
 * - afterApply: right after a member's update was applied, synchronously, before it is sent or stored;
 *   may add a correction (`correct`) that travels with it.
 * - afterChange: after every change that is going out to everyone and to disk. Must not wait for anything;
 *   a thrown error is logged and the change stands.
 * - onUnload: the room has left memory.
 * Errors other than a refusal in beforeApply end the member's session with INTERNAL_ERROR; errors in the
 * other hooks are logged and never stop the room.
 */
export interface RoomExtension {
  readonly name: string;
  onLoad?(room: RoomContext): void | Promise<void>;
  beforeApply?(payload: BeforeApplyPayload): Uint8Array | void;
  afterApply?(payload: AfterApplyPayload): void;
  afterChange?(payload: ChangePayload): void;
  onUnload?(room: RoomContext): void | Promise<void>;
}
