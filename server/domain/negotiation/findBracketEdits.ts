import * as Y from 'yjs';
import { isProposalKey } from '../../../shared/amendments/proposals.js';
import { bracketDelegation, isBracketKey } from '../../../shared/negotiation/brackets.js';
import { DOC_ROOT, type BracketAttrs } from '../../../shared/doc/schema.js';
import type { SharedType } from './sharedType.js';

/** A range of a text whose bracket the sender may not claim, and the value the server puts there instead. */
export interface BracketCorrection {
  text: Y.Text;
  /** The formatting attribute (`bracket` or `bracket--<hash>`). */
  key: string;
  /** In the text's characters (Y.Text indices), as the text is once the transaction is over. */
  index: number;
  length: number;
  /** The sender's own bracket, or null (removed) for a sender without a delegation. */
  value: BracketAttrs | null;
}

/** A passage whose bracket a transaction added or lifted, for the audit log. */
export interface BracketEdit {
  action: 'added' | 'lifted';
  /** The clause whose text it is; null for text outside any clause. */
  clauseId: string | null;
  /** Whose bracket: the sender's for 'added' (as corrected), the bracket's owner for 'lifted'. */
  delegationId: string;
  /** The passage, cut after AUDIT_TEXT_CHARS characters. */
  text: string;
}

export interface BracketFindings {
  corrections: BracketCorrection[];
  edits: BracketEdit[];
}

/** Characters by their Yjs ids: `length` clocks of `client` from `clock` (ids survive splits and moves of text). */
export interface CharacterRange {
  client: number;
  clock: number;
  length: number;
}

/**
 * The brackets a sender lifted earlier on the same connection, per text and by the characters they covered:
 * putting one of those back on the same characters (an undo of the lift, or a redo) keeps its delegation
 * instead of becoming the sender's. Kept by BracketAttribution.
 */
export interface LiftMemory {
  /** Whether the sender lifted a bracket of `delegationId` from every character of `item` (in `text`) before. */
  lifted(text: Y.Text, delegationId: string, item: Y.Item): boolean;
  remember(text: Y.Text, delegationId: string, characters: readonly CharacterRange[]): void;
}

/** How much of a passage is kept for the audit (the audit shows a shorter excerpt). */
const AUDIT_TEXT_CHARS = 80;

/**
 * What a client's transaction did to brackets: the ranges whose bracket it claims for someone other than
 * the sender (to be corrected), and the passages it bracketed or lifted. Null, after looking only at the
 * items the transaction created and deleted, when none of them is a bracket formatting item: the cost for
 * ordinary typing. Call it from the doc's 'afterTransaction' event: the formatting items the transaction
 * deleted still hold their values then (garbage collection comes after).
 *
 * A character's bracket counts as claimed by the transaction when the formatting item governing it now is
 * new and says something else than was in force there before; so typing into someone's bracket, or the
 * formatting Yjs inserts to keep the rest of a bracket when part of it is lifted, claims nothing.
 * Lifting (a null value) is always allowed.
 *
 * A bracket item that was held back from an earlier update (waiting for what it refers to) and integrates
 * with this one was not necessarily sent by this sender: it may be a claim timed to land inside another
 * member's update (a forgery). When `sent` says an item did not come with the update, its claim is removed.
 *
 * @param clients the clients whose items the transaction may have created (those of the applied update),
 *   so a document with thousands of past clients is not walked client by client; null: all of them
 * @param sent whether a bracket formatting item the transaction created came with the sender's update;
 *   null (@default): all of them did (nothing was held back before the update)
 */
export function findBracketEdits(
  transaction: Y.Transaction,
  senderDelegationId: string | null,
  clients: Iterable<number> | null,
  lifts: LiftMemory | null = null,
  sent: ((item: Y.Item) => boolean) | null = null,
): BracketFindings | null {
  const texts = textsWithFormattingChanges(transaction, clients ?? transaction.afterState.keys());
  if (texts === null) return null;
  const findings: BracketFindings = { corrections: [], edits: [] };
  const clauses = transaction.doc.share.get(DOC_ROOT.clauses) ?? null;
  for (const text of texts) {
    if (text._item?.deleted) continue;
    new TextScan(text, transaction, senderDelegationId, clauseIdOf(text, clauses), findings, lifts, sent).run();
  }
  return findings.corrections.length > 0 || findings.edits.length > 0 ? findings : null;
}

/**
 * Whether a transaction created or deleted a bracket formatting item (so a draft's bracket count may have
 * changed). Call it from 'afterTransaction', while deleted items still hold their content. Looks only at the
 * clients whose state the transaction advanced and at its deletions: for typing, one or two items.
 */
export function touchesBrackets(transaction: Y.Transaction): boolean {
  return textsWithFormattingChanges(transaction, advancedClients(transaction)) !== null;
}

/**
 * Whether a transaction created or deleted a proposal formatting item (`insertion` or `deletion`): a proposal
 * made, extended, withdrawn or decided, so a draft's proposal count may have changed. As touchesBrackets.
 */
export function touchesProposals(transaction: Y.Transaction): boolean {
  return textsWithFormattingChanges(transaction, advancedClients(transaction), isProposalKey) !== null;
}

/**
 * Whether a transaction created or deleted a bracket or proposal formatting item: touchesBrackets and
 * touchesProposals in one walk of the transaction, for counting (which needs to know of either).
 */
export function touchesCountedMarks(transaction: Y.Transaction): boolean {
  return textsWithFormattingChanges(transaction, advancedClients(transaction), (key) => isBracketKey(key) || isProposalKey(key)) !== null;
}

/** The clients whose state the transaction advanced. */
function advancedClients(transaction: Y.Transaction): number[] {
  const advanced: number[] = [];
  for (const [client, clock] of transaction.afterState) if (clock !== (transaction.beforeState.get(client) ?? 0)) advanced.push(client);
  return advanced;
}

/**
 * The texts in which the transaction created or deleted a formatting item whose key `isKey` accepts (@default
 * a bracket's); null when none.
 */
function textsWithFormattingChanges(
  transaction: Y.Transaction,
  clients: Iterable<number>,
  isKey: (key: string) => boolean = isBracketKey,
): Set<Y.Text> | null {
  const { beforeState, deleteSet, doc } = transaction;
  let texts: Set<Y.Text> | null = null;
  for (const client of clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    const before = beforeState.get(client) ?? 0;
    // New structs are the last of their client's (Yjs merges neighbours only after 'afterTransaction').
    let first = structs.length;
    while (first > 0 && structs[first - 1]!.id.clock >= before) first -= 1;
    for (let i = first; i < structs.length; i += 1) texts = withFormattingText(texts, structs[i]!, isKey);
  }
  if (deleteSet.clients.size === 0) return texts;
  for (const [client, deletions] of deleteSet.clients) {
    const structs = doc.store.clients.get(client);
    if (!structs) continue;
    for (const { clock, len } of deletions) {
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i += 1)
        texts = withFormattingText(texts, structs[i]!, isKey);
    }
  }
  return texts;
}

/** `texts`, plus the text of `struct` when it is a formatting item whose key `isKey` accepts. */
function withFormattingText(texts: Set<Y.Text> | null, struct: Y.AbstractStruct, isKey: (key: string) => boolean): Set<Y.Text> | null {
  if (!(struct instanceof Y.Item) || !(struct.content instanceof Y.ContentFormat) || !isKey(struct.content.key)) return texts;
  if (!(struct.parent instanceof Y.Text) || struct.parentSub !== null) return texts;
  return (texts ?? new Set<Y.Text>()).add(struct.parent);
}

/** The id of the clause holding `type` (its key in the `clauses` map), or null. */
function clauseIdOf(type: SharedType, clauses: SharedType | null): string | null {
  let current = type;
  while (clauses !== null && current._item !== null) {
    const item = current._item;
    if (item.parent === clauses) return typeof item.parentSub === 'string' ? item.parentSub : null;
    if (!(item.parent instanceof Y.AbstractType)) return null;
    current = item.parent;
  }
  return null;
}

/** A formatting value in force: the item's value and whether the transaction created that item. */
interface InForce {
  value: unknown;
  fresh: boolean;
  /** Created by the transaction but not sent with the sender's update (held back from an earlier one). */
  unattributed: boolean;
}

/** An audit passage being collected: consecutive characters with the same action and delegation. */
interface OpenPassage {
  delegationId: string;
  text: string;
  /** Its characters (remembered for lifts: see LiftMemory). */
  characters: CharacterRange[];
}

/** One walk over a text, comparing each character's bracket before the transaction with after it. */
class TextScan {
  private readonly before = new Map<string, unknown>();
  private readonly after = new Map<string, InForce>();
  private readonly senderValue: BracketAttrs | null;
  private added: OpenPassage | null = null;
  private lifted: OpenPassage | null = null;
  private index = 0;

  constructor(
    private readonly text: Y.Text,
    private readonly transaction: Y.Transaction,
    private readonly senderDelegationId: string | null,
    private readonly clauseId: string | null,
    private readonly findings: BracketFindings,
    private readonly lifts: LiftMemory | null,
    private readonly sent: ((item: Y.Item) => boolean) | null,
  ) {
    this.senderValue = senderDelegationId === null ? null : { delegation: senderDelegationId };
  }

  run(): void {
    const { beforeState, deleteSet } = this.transaction;
    for (let item = this.text._start; item !== null; item = item.right) {
      const fresh = item.id.clock >= (beforeState.get(item.id.client) ?? 0);
      const content = item.content;
      if (content instanceof Y.ContentFormat) {
        if (!isBracketKey(content.key)) continue;
        if (!fresh && (!item.deleted || Y.isDeleted(deleteSet, item.id))) this.before.set(content.key, content.value);
        if (!item.deleted)
          this.after.set(content.key, { value: content.value, fresh, unattributed: fresh && this.sent !== null && !this.sent(item) });
      } else if (!item.deleted && item.countable) {
        this.character(item, fresh);
        this.index += item.length;
      }
    }
    this.close();
  }

  /** A run of characters (one item) that is in the text after the transaction. */
  private character(item: Y.Item, fresh: boolean): void {
    let delegationBefore: string | null = null;
    let delegationAfter: string | null = null;
    for (const key of new Set([...this.before.keys(), ...this.after.keys()])) {
      const before = this.before.has(key) ? this.before.get(key) : null;
      const inForce = this.after.get(key);
      let after = inForce ? inForce.value : null;
      if (inForce?.fresh && after !== null && !sameValue(after, before)) {
        if (inForce.unattributed) {
          this.correct(key, item.length, null);
          after = null;
        } else if (!this.isSenders(after) && !this.restores(after, item)) {
          this.correct(key, item.length, this.senderValue);
          after = this.senderValue;
        }
      }
      delegationBefore = bracketDelegation(before) ?? delegationBefore;
      delegationAfter = bracketDelegation(after) ?? delegationAfter;
    }
    const text = item.content instanceof Y.ContentString ? item.content.str : null;
    const lifted = !fresh && delegationBefore !== null && delegationBefore !== delegationAfter ? delegationBefore : null;
    const added = delegationAfter !== null && delegationAfter !== delegationBefore ? delegationAfter : null;
    const characters = { client: item.id.client, clock: item.id.clock, length: item.length };
    this.lifted = this.extend(this.lifted, 'lifted', lifted, text, characters);
    this.added = this.extend(this.added, 'added', added, text, characters);
  }

  /** A bracket exactly as one the sender lifted from these characters earlier (an undo of the lift). */
  private restores(value: unknown, item: Y.Item): boolean {
    const delegation = bracketDelegation(value);
    return delegation !== null && Object.keys(value as object).length === 1 && this.lifts?.lifted(this.text, delegation, item) === true;
  }

  private isSenders(value: unknown): boolean {
    if (this.senderDelegationId === null || value === null || typeof value !== 'object') return false;
    const keys = Object.keys(value);
    return keys.length === 1 && keys[0] === 'delegation' && (value as BracketAttrs).delegation === this.senderDelegationId;
  }

  private correct(key: string, length: number, value: BracketAttrs | null): void {
    const last = this.findings.corrections.at(-1);
    if (last && last.text === this.text && last.key === key && last.index + last.length === this.index && last.value === value) {
      last.length += length;
      return;
    }
    this.findings.corrections.push({ text: this.text, key, index: this.index, length, value });
  }

  /** Continues, ends or starts an audit passage; embeds (text null) end one. */
  private extend(
    open: OpenPassage | null,
    action: BracketEdit['action'],
    delegationId: string | null,
    text: string | null,
    characters: CharacterRange,
  ): OpenPassage | null {
    if (open && open.delegationId === delegationId && text !== null) {
      if (open.text.length < AUDIT_TEXT_CHARS) open.text = (open.text + text).slice(0, AUDIT_TEXT_CHARS);
      open.characters.push(characters);
      return open;
    }
    if (open) this.record(action, open);
    return delegationId === null ? null : { delegationId, text: (text ?? '').slice(0, AUDIT_TEXT_CHARS), characters: [characters] };
  }

  private close(): void {
    if (this.lifted) this.record('lifted', this.lifted);
    if (this.added) this.record('added', this.added);
  }

  private record(action: BracketEdit['action'], passage: OpenPassage): void {
    if (action === 'lifted') this.lifts?.remember(this.text, passage.delegationId, passage.characters);
    this.findings.edits.push({ action, clauseId: this.clauseId, delegationId: passage.delegationId, text: passage.text });
  }
}

/** Formatting values as Yjs compares them: the same primitive, or the same JSON. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
