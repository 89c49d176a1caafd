import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';
import { isBracketKey } from '../../../shared/negotiation/brackets.js';
import type { RoomMember } from '../../rooms/RoomClient.js';
import { findBracketEdits, type BracketEdit, type BracketFindings, type CharacterRange, type LiftMemory } from './findBracketEdits.js';

export type { BracketEdit, BracketFindings };

/** Brackets a member added or lifted with one update (after the server's correction), for the audit log. */
export interface BracketChange {
  draftId: string;
  actor: RoomMember;
  edits: BracketEdit[];
}

/**
 * Keeps who proposed a bracket with the server, never with the client: a bracket attribution forged
 * through a raw Yjs update does not survive. While a client's update is applied (`watch`
 * ... `take`), its transaction is inspected as Yjs finishes it (findBracketEdits); `correct` then rewrites,
 * in one transaction of the caller's, every bracket the update claimed for anyone but the sender's own
 * delegation: to the sender's delegation, or to none for a member without one (the secretariat). Lifting
 * is always allowed, and so is putting back, on the same connection and on the same characters, a bracket the
 * sender lifted from them (an undo of the lift keeps the bracket's delegation). A bracket held back from an
 * earlier update that integrates with this one is removed: whoever sent it, it is not this sender's, and it
 * must not pass for theirs (a claim timed to land inside another delegation's update). Idempotent: the
 * correction is the server's own transaction, which is not inspected, and an update applied twice creates
 * nothing the second time.
 */
export class BracketAttribution {
  private watching: { origin: unknown; delegationId: string | null; update: Uint8Array; hadPending: boolean } | null = null;
  private found: BracketFindings[] = [];
  /** Per connection (the watched origin): the characters whose brackets it lifted, per text and delegation. */
  private readonly lifted = new WeakMap<object, WeakMap<Y.Text, Map<string, CharacterRange[]>>>();

  /** @param onError called when inspecting a transaction failed (the update stays applied, uncorrected) */
  constructor(
    private readonly doc: Y.Doc,
    private readonly onError: (error: unknown) => void,
  ) {
    doc.on('afterTransaction', (transaction: Y.Transaction) => this.inspect(transaction));
  }

  /** Inspects the transactions with this origin (the sender's connection), applying `update`, until `take`. */
  watch(origin: unknown, senderDelegationId: string | null, update: Uint8Array): void {
    this.watching = { origin, delegationId: senderDelegationId, update, hadPending: this.doc.store.pendingStructs !== null };
    this.found = [];
  }

  /** Stops watching; what the watched transactions did to brackets, or null when they did not touch any. */
  take(): BracketFindings | null {
    this.watching = null;
    const found = this.found;
    this.found = [];
    if (found.length <= 1) return found[0] ?? null;
    return { corrections: found.flatMap((f) => f.corrections), edits: found.flatMap((f) => f.edits) };
  }

  /** Rewrites the claimed brackets in one transaction with `origin`; a no-op when there is nothing to correct. */
  correct(findings: BracketFindings, origin: unknown): void {
    if (findings.corrections.length === 0) return;
    this.doc.transact(() => {
      for (const { text, key, index, length, value } of findings.corrections) {
        if (text._item?.deleted) continue;
        const end = Math.min(index + length, text.length);
        if (end > index) text.format(index, end - index, { [key]: value });
      }
    }, origin);
  }

  private inspect(transaction: Y.Transaction): void {
    if (this.watching === null || transaction.origin !== this.watching.origin) return;
    try {
      const findings = findBracketEdits(
        transaction,
        this.watching.delegationId,
        this.updateClients(),
        this.liftMemory(this.watching.origin),
        this.sentWithUpdate(),
      );
      if (findings) this.found.push(findings);
    } catch (error) {
      this.onError(error);
    }
  }

  private liftMemory(origin: unknown): LiftMemory | null {
    if (origin === null || typeof origin !== 'object') return null;
    let texts = this.lifted.get(origin);
    if (!texts) this.lifted.set(origin, (texts = new WeakMap()));
    const perText = texts;
    return {
      lifted: (text, delegationId, item) => covers(perText.get(text)?.get(delegationId) ?? [], item),
      remember: (text, delegationId, characters) => {
        const byDelegation = perText.get(text) ?? new Map<string, CharacterRange[]>();
        byDelegation.set(delegationId, [...(byDelegation.get(delegationId) ?? []), ...characters]);
        perText.set(text, byDelegation);
      },
    };
  }

  /**
   * Which bracket formatting items came with the watched update: all of them (null) unless structs were held
   * back from earlier updates, which may integrate now; then only those the update itself carries, same id,
   * key and value (an item another connection sent under a borrowed client id does not pass for the sender's).
   */
  private sentWithUpdate(): ((item: Y.Item) => boolean) | null {
    if (this.watching === null || !this.watching.hadPending) return null;
    const sent = new Set<string>();
    try {
      for (const struct of Y.decodeUpdate(this.watching.update).structs) {
        if (struct instanceof Y.Item && struct.content instanceof Y.ContentFormat && isBracketKey(struct.content.key))
          sent.add(formatSignature(struct));
      }
    } catch {
      // Unreadable here means nothing of it can be told to be the sender's.
    }
    return (item) => sent.has(formatSignature(item));
  }

  /**
   * The clients with items in the watched update: only theirs can be new, unless structs held back from an
   * earlier update (waiting for what they refer to) were integrated with it (null: look at every client).
   */
  private updateClients(): Iterable<number> | null {
    if (this.watching === null || this.watching.hadPending) return null;
    try {
      // A V1 update starts [clients, structs of the first, its client id, ...]: typing has one client.
      const header = decoding.createDecoder(this.watching.update);
      if (decoding.readVarUint(header) === 1) {
        decoding.readVarUint(header);
        return [decoding.readVarUint(header)];
      }
      return Y.parseUpdateMeta(this.watching.update).to.keys();
    } catch {
      return null;
    }
  }
}

/** A bracket formatting item as its sender wrote it: id, key and value. */
function formatSignature(item: Y.Item): string {
  const content = item.content as Y.ContentFormat;
  return JSON.stringify([item.id.client, item.id.clock, content.key, content.value]);
}

/** Whether `ranges` cover every character of `item` (by id). */
function covers(ranges: readonly CharacterRange[], item: Y.Item): boolean {
  const { client, clock } = item.id;
  const end = clock + item.length;
  let next = clock;
  for (const range of ranges.filter((r) => r.client === client).sort((a, b) => a.clock - b.clock)) {
    if (range.clock > next) break;
    next = Math.max(next, range.clock + range.length);
    if (next >= end) return true;
  }
  return false;
}
