import * as Y from 'yjs';
import { getClauses, getOrder } from '../../../shared/doc/schema.js';
import type { Log } from '../../log.js';
import { SERVER_CHANGE } from '../../rooms/DraftRoom.js';
import type { RoomExtension } from '../../rooms/RoomExtension.js';
import { BracketAttribution, type BracketChange } from './bracketAttribution.js';
import { findAddedOptions, type OptionsAdded } from './findAddedOptions.js';
import { touchesCountedMarks } from './findBracketEdits.js';

export interface NegotiationExtensionDeps {
  /**
   * A member's update added or lifted brackets (as the server corrected them), e.g. to audit it. Runs on
   * the sync path: it must not wait for anything; a rejection is logged.
   */
  bracketsChanged(change: BracketChange): void | Promise<void>;
  /** A member's update added options (alternatives) to clauses, e.g. to audit it. As bracketsChanged. */
  optionsAdded(change: OptionsAdded): void | Promise<void>;
  /** A change may have changed the draft's bracket, option or proposal counts (never called for plain typing). */
  countsMayHaveChanged(draftId: string): void;
  log: Log;
}

/** What the extension keeps per loaded document. */
interface NegotiationState {
  brackets: BracketAttribution;
  /** Transactions that may have changed bracket or option counts, noted as each one ends. */
  countChanges: WeakSet<Y.Transaction>;
}

/**
 * The negotiation rules on a draft's document, as a room extension:
 * - bracket attribution: a bracket belongs to the delegation of the member who sent it, whatever the
 *   client wrote (BracketAttribution); the server's correction travels with the member's update, so
 *   nobody receives it or stores it uncorrected; brackets added or lifted are reported (`bracketsChanged`);
 * - options a member's update added are reported (`optionsAdded`);
 * - changes that can change the counts (clauses added, removed, moved or changed in their fields, brackets
 *   or proposals added or removed) are reported (`countsMayHaveChanged`), so counting can skip ordinary typing.
 */
export function negotiationExtension(deps: NegotiationExtensionDeps): RoomExtension {
  const states = new WeakMap<Y.Doc, NegotiationState>();
  const report = (what: string, draftId: string, run: () => void | Promise<void>) => {
    const failed = (error: unknown) =>
      deps.log.error(`${what} failed`, { draftId, error: error instanceof Error ? error.message : String(error) });
    try {
      void Promise.resolve(run()).catch(failed);
    } catch (error) {
      failed(error);
    }
  };

  return {
    name: 'negotiation',

    onLoad({ draftId, doc }) {
      const state: NegotiationState = {
        brackets: new BracketAttribution(doc, (error) =>
          deps.log.error('checking the brackets of an update failed', { draftId, error: (error as Error).message }),
        ),
        countChanges: new WeakSet(),
      };
      // Noted as each transaction ends, before Yjs replaces the content of deleted items (a deleted
      // bracket's formatting is only recognisable until then).
      doc.on('afterTransaction', (transaction: Y.Transaction) => {
        if (touchesStructure(transaction, doc) || touchesCountedMarks(transaction)) state.countChanges.add(transaction);
      });
      states.set(doc, state);
    },

    beforeApply({ doc, client, update }) {
      states.get(doc)?.brackets.watch(client, client.member.delegationId, update);
    },

    afterApply({ draftId, doc, client, transactions, correct }) {
      const state = states.get(doc);
      if (!state) return;
      const findings = state.brackets.take();
      if (findings && findings.corrections.length > 0) correct(() => state.brackets.correct(findings, SERVER_CHANGE));
      if (findings && findings.edits.length > 0) {
        const change: BracketChange = { draftId, actor: client.member, edits: findings.edits };
        report('auditing a bracket change', draftId, () => deps.bracketsChanged(change));
      }
      const options = findAddedOptions(transactions);
      if (options.length > 0)
        report('auditing added options', draftId, () => deps.optionsAdded({ draftId, actor: client.member, options }));
    },

    afterChange({ draftId, doc, transaction }) {
      if (states.get(doc)?.countChanges.has(transaction)) deps.countsMayHaveChanged(draftId);
    },
  };
}

/** A shared type as `Transaction.changed` keys it. */
type ChangedType = Parameters<Y.Transaction['changed']['has']>[0];

/** Whether a transaction changed the reading order, the set of clauses or a clause's own fields. */
function touchesStructure(transaction: Y.Transaction, doc: Y.Doc): boolean {
  // Looked up as the key type Yjs gives `changed` (its declarations do not relate YMap to it).
  const clauses = getClauses(doc) as unknown as ChangedType;
  const order = getOrder(doc) as unknown as ChangedType;
  if (transaction.changed.has(order) || transaction.changed.has(clauses)) return true;
  for (const type of transaction.changed.keys()) if (type instanceof Y.Map && type.parent === clauses) return true;
  return false;
}
