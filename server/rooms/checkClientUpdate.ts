import * as Y from 'yjs';
import type { DecodedUpdate } from './readClientUpdate.js';

/** How an update reached the server: the client's answer to the greeting's sync step 1, or a live edit. */
export type UpdateKind = 'syncStep2' | 'update';

/** What the room knows when it checks an update, read at that moment. */
export interface UpdateCheckContext {
  /** The sender's member id. */
  memberId: string;
  kind: UpdateKind;
  /** Owner of a client id: a member id, SERVER_OWNER, or undefined when nobody has written with it. */
  ownerOf(clientId: number): string | undefined;
  /** True when another connection wrote with this id first and its owner is being recorded. */
  reservedElsewhere(clientId: number): boolean;
  /**
   * True when another open connection of the same member writes live edits with this id and the sender
   * does not speak for it. Only live edits are bound to a connection: a sync step 2 may carry what a
   * member's other page typed (seen before a crash lost it), the same items that page would send.
   */
  usedElsewhere(clientId: number): boolean;
  /** The document's clock for a client: the next clock an item of it would get. */
  stateOf(clientId: number): number;
  /** Where a client's items held back by Yjs (waiting for text the server lacks) end, or 0. */
  heldEndOf(clientId: number): number;
  /** True while the sender has not yet answered the greeting's sync step 1 with its sync step 2. */
  awaitingSyncAnswer: boolean;
  /** The state vector the sender declared in its latest sync step 1 (empty when it sent none). */
  declared: ReadonlyMap<number, number>;
  /** Bytes Yjs holds back in this room now, the update's own size, and the most the room may hold. */
  heldBytes: number;
  updateBytes: number;
  maxHeldBytes: number;
}

/**
 * - apply: apply it, after recording `claims` (client ids first written with by the sender) as the sender's.
 * - ignore: drop it without effect and keep the socket: a live edit that overtook the resend of the
 *   sender's own earlier edits, which the sync step 2 it still owes will bring.
 * - refuse: close the sender (MALFORMED_MESSAGE); nothing of it takes effect.
 */
export type UpdateVerdict =
  { action: 'apply'; claims: number[] } | { action: 'ignore'; reason: string } | { action: 'refuse'; reason: string };

interface Run {
  first: number;
  end: number;
  skips: boolean;
}

/**
 * Whether a client's update may take effect, by whose client ids it writes with and where. A Yjs client id
 * belongs to the member who first wrote with it (the room records that durably before applying), and
 * a member's items under it must continue exactly where that client id stands in the document, and a
 * member's live edits with it come from one connection at a time:
 * - items, GC or skip ranges under a client id that belongs to someone else (another member, the
 *   server, or an id already in the document that nobody may claim) are refused, so nobody can write
 *   in another's name, make the server hold back a range of another's clocks, or cover text the
 *   server does not have with a "saved" notice;
 * - a live edit must start exactly at its client id's clock; a sync step 2 may start before it (the part
 *   the server has is skipped) but not after;
 * - a gap (a live edit past the clock, or a skip range inside an update) is refused, except a live edit
 *   that overtook the sender's own still-owed sync step 2 which will resend it (ignored);
 * - items that depend on text of other clients the server does not have yet are held back by Yjs
 *   until it arrives (after a crash, a client may have seen text its author has yet to resend), within
 *   `maxHeldBytes` per room.
 * Deletions are not checked here: the room applies those of known items and drops the rest.
 */
export function checkClientUpdate(update: DecodedUpdate, context: UpdateCheckContext): UpdateVerdict {
  const runs = clientRuns(update.structs);
  const claims: number[] = [];
  let gap: string | null = null;
  let gapExcused = true;
  for (const [client, run] of runs) {
    const owner = context.ownerOf(client);
    if (context.reservedElsewhere(client)) {
      return refuse(`writes under client id ${client}, which another connection is taking`);
    } else if (owner === undefined) {
      if (context.stateOf(client) > 0) return refuse(`writes under client id ${client}, which nobody may write with any more`);
      claims.push(client);
    } else if (owner !== context.memberId) {
      return refuse(`writes under client id ${client}, which belongs to someone else`);
    } else if (context.kind === 'update' && context.usedElsewhere(client)) {
      return refuse(`writes under client id ${client}, which another connection of the same member is using`);
    }
    if (run.skips) return refuse(`leaves a gap in the clocks of client id ${client}`);
    const current = Math.max(context.stateOf(client), context.heldEndOf(client));
    if (run.first > current) {
      gap ??= `starts client id ${client} at clock ${run.first}, past its clock ${current}`;
      const resendOwed = context.kind === 'update' && context.awaitingSyncAnswer && (context.declared.get(client) ?? 0) > current;
      if (!resendOwed) gapExcused = false;
    } else if (run.first < current && context.kind === 'update') {
      return refuse(`starts client id ${client} at clock ${run.first}, before its clock ${current}`);
    }
  }
  if (gap) return gapExcused ? { action: 'ignore', reason: gap } : refuse(gap);
  if (dependsOnMissing(update.structs, runs, context) && context.heldBytes + context.updateBytes > context.maxHeldBytes) {
    return refuse('depends on text this server does not have, more than it holds back');
  }
  return { action: 'apply', claims };
}

function refuse(reason: string): UpdateVerdict {
  return { action: 'refuse', reason };
}

/** Each client's run of structs in the update: first clock, end, and whether a skip (a gap) is inside. */
function clientRuns(structs: DecodedUpdate['structs']): Map<number, Run> {
  const runs = new Map<number, Run>();
  for (const struct of structs) {
    const { client, clock } = struct.id;
    const run = runs.get(client);
    const skip = struct instanceof Y.Skip;
    if (!run) runs.set(client, { first: clock, end: clock + struct.length, skips: skip });
    else {
      run.end = Math.max(run.end, clock + struct.length);
      run.skips ||= skip;
    }
  }
  return runs;
}

/** True when an item refers to another client's item that neither the document nor this update has. */
function dependsOnMissing(structs: DecodedUpdate['structs'], runs: Map<number, Run>, context: UpdateCheckContext): boolean {
  const known = (client: number) => {
    const state = context.stateOf(client);
    const run = runs.get(client);
    return run && run.first <= state ? Math.max(state, run.end) : state;
  };
  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    for (const ref of [struct.origin, struct.rightOrigin, struct.parent] as unknown[]) {
      if (ref instanceof Y.ID && ref.client !== struct.id.client && ref.clock >= known(ref.client)) return true;
    }
  }
  return false;
}
