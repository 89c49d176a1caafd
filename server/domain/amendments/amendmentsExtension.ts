import * as Y from 'yjs';
import type { EditingMode } from '../../../shared/api/drafts.js';
import type { DraftEvent } from '../../../shared/api/events.js';
import type { Amendment } from '../../../shared/amendments/clauseProposals.js';
import { isProposalKey, proposalTexts } from '../../../shared/amendments/proposals.js';
import { CLOSE_CODE } from '../../../shared/collab/closeCodes.js';
import { readClause } from '../../../shared/doc/readClause.js';
import { getClauses, getMeta, getOrder } from '../../../shared/doc/schema.js';
import { isAgreedStatus } from '../../../shared/negotiation/clauseStatus.js';
import type { Log } from '../../log.js';
import type { RoomMember } from '../../rooms/RoomClient.js';
import type { RoomExtension } from '../../rooms/RoomExtension.js';
import { RoomRefusal } from '../../rooms/RoomRefusal.js';
import { checkEditRules, type FieldCorrection, type ProposalCorrection } from './checkEditRules.js';
import { TrialDocument } from './TrialDocument.js';

/** Proposals a delegate's update made, as the server put them in the text. */
export interface ProposalsMade {
  draftId: string;
  actor: RoomMember;
  proposals: Amendment[];
}

export interface AmendmentsExtensionDeps {
  editingModeOf(draftId: string): Promise<EditingMode>;
  /** The proposal ids decided in the draft, as a set kept current afterwards (a decided id is never reused). */
  decidedProposalIds(draftId: string): Promise<ReadonlySet<string>>;
  /** The clauses whose current status is agreed or agreed ad ref. */
  lockedClausesOf(draftId: string): Promise<string[]>;
  /** Hears every draft event (mode changes arrive as `draft.updated`, locks as `clause.status`). Returns the unsubscribe function. */
  subscribeAll(listener: (draftId: string, event: DraftEvent) => void): () => void;
  /** A delegate's update made new proposals, e.g. to audit them. Must not wait for anything on the sync path. */
  proposalsMade(change: ProposalsMade): void | Promise<void>;
  log: Log;
}

/** What the extension keeps per loaded draft. */
interface DraftRules {
  mode: EditingMode;
  locked: Set<string>;
  /** Changed by an event since loading began (the loaded values are then older). */
  modeFromEvent: boolean;
  lockedFromEvents: Map<string, boolean>;
  trial: TrialDocument;
  decided: ReadonlySet<string>;
  /** Found while the member's update was tried, used once it is applied. */
  pending: { corrections: ProposalCorrection[]; fieldCorrections: FieldCorrection[]; proposals: Amendment[] } | null;
}

/**
 * The amendment and lock rules on a draft's document, as a room extension (a negotiation rule, outside the
 * sync core). Before a member's update is applied it is tried on a replica of the draft (TrialDocument)
 * when a rule could apply: the draft has agreed clauses, or the sender is a delegate on a draft in
 * amendments mode; checkEditRules judges what it did. An update that breaks a rule never takes effect: the
 * member's session in the draft ends with EDIT_REFUSED (final; the page reopens the draft from the
 * server's text and says why). Proposal marks written in another delegation's name are put in the
 * sender's, in a correction that travels with the update. On a draft in direct mode, a delegate's update
 * that writes proposal marks is refused without trying it.
 */
export function amendmentsExtension(deps: AmendmentsExtensionDeps): RoomExtension & { close(): void } {
  const byDraft = new Map<string, DraftRules>();
  const byDoc = new WeakMap<Y.Doc, DraftRules>();

  const unsubscribe = deps.subscribeAll((draftId, event) => {
    const rules = byDraft.get(draftId);
    if (!rules) return;
    if (event.type === 'draft.updated') {
      rules.mode = event.draft.editingMode;
      rules.modeFromEvent = true;
    } else if (event.type === 'clause.status') {
      const locked = isAgreedStatus(event.entry.status);
      rules.lockedFromEvents.set(event.entry.clauseId, locked);
      if (locked) rules.locked.add(event.entry.clauseId);
      else rules.locked.delete(event.entry.clauseId);
    } else {
      return;
    }
    // The replica costs a second copy of every change: kept only while a rule can apply.
    if (rules.mode === 'direct' && rules.locked.size === 0) rules.trial.discard();
  });

  const report = (draftId: string, run: () => void | Promise<void>) => {
    const failed = (error: unknown) =>
      deps.log.error('recording new proposals failed', { draftId, error: error instanceof Error ? error.message : String(error) });
    try {
      void Promise.resolve(run()).catch(failed);
    } catch (error) {
      failed(error);
    }
  };

  return {
    name: 'amendments',

    async onLoad({ draftId, doc }) {
      const rules: DraftRules = {
        mode: 'direct',
        locked: new Set(),
        modeFromEvent: false,
        lockedFromEvents: new Map(),
        trial: new TrialDocument(doc, (replica) => {
          getOrder(replica);
          getClauses(replica);
          getMeta(replica);
        }),
        decided: new Set(),
        pending: null,
      };
      byDraft.set(draftId, rules);
      byDoc.set(doc, rules);
      const [mode, locked, decided] = await Promise.all([
        deps.editingModeOf(draftId),
        deps.lockedClausesOf(draftId),
        deps.decidedProposalIds(draftId),
      ]);
      rules.decided = decided;
      if (!rules.modeFromEvent) rules.mode = mode;
      for (const id of locked) if (!rules.lockedFromEvents.has(id)) rules.locked.add(id);
    },

    beforeApply({ draftId, doc, client, update, decoded }) {
      const rules = byDoc.get(doc);
      if (!rules) return;
      rules.pending = null;
      const member = client.member;
      const proposingFor = rules.mode === 'amendments' && member.role === 'delegate' ? (member.delegationId ?? '') : null;
      if (rules.mode === 'direct' && member.role === 'delegate' && writesProposalMarks(decoded)) {
        throw refusal(deps, draftId, member, 'proposal marks are only made on a draft in amendments mode');
      }
      if (proposingFor === null && rules.locked.size === 0) return;
      if (proposingFor === '') throw refusal(deps, draftId, member, 'a delegate without a delegation cannot propose amendments');
      const transaction = rules.trial.tryUpdate(update);
      if (!transaction) return;
      const verdict = checkEditRules(doc, rules.trial.doc, transaction, { locked: rules.locked, proposingFor, decided: rules.decided });
      if (!verdict.ok) {
        rules.trial.discard();
        throw refusal(deps, draftId, member, verdict.reason);
      }
      if (verdict.corrections.length > 0 || verdict.fieldCorrections.length > 0 || verdict.newProposals.length > 0) {
        rules.pending = { corrections: verdict.corrections, fieldCorrections: verdict.fieldCorrections, proposals: verdict.newProposals };
      }
    },

    afterApply({ draftId, doc, client, correct }) {
      const rules = byDoc.get(doc);
      const pending = rules?.pending;
      if (!rules || !pending) return;
      rules.pending = null;
      if (pending.corrections.length > 0 || pending.fieldCorrections.length > 0) {
        correct((live) => applyCorrections(live, pending.corrections, pending.fieldCorrections));
      }
      if (pending.proposals.length > 0) {
        const change: ProposalsMade = { draftId, actor: client.member, proposals: pending.proposals };
        report(draftId, () => deps.proposalsMade(change));
      }
    },

    onUnload({ draftId, doc }) {
      byDoc.get(doc)?.trial.destroy();
      byDraft.delete(draftId);
    },

    close: unsubscribe,
  };
}

function refusal(deps: AmendmentsExtensionDeps, draftId: string, member: RoomMember, reason: string): RoomRefusal {
  deps.log.warn('refused an update', { draftId, userId: member.id, reason });
  return new RoomRefusal(CLOSE_CODE.EDIT_REFUSED, reason);
}

/** Whether a decoded update sets an insertion or deletion mark (removing one, a null value, is an edit like any other). */
function writesProposalMarks(decoded: ReturnType<typeof Y.decodeUpdate>): boolean {
  return decoded.structs.some(
    (struct) =>
      struct instanceof Y.Item &&
      struct.content instanceof Y.ContentFormat &&
      isProposalKey(struct.content.key) &&
      struct.content.value !== null,
  );
}

/** Puts proposal marks written for another delegation in the sender's name, in the live document. */
function applyCorrections(doc: Y.Doc, corrections: readonly ProposalCorrection[], fields: readonly FieldCorrection[]): void {
  for (const { clauseId, field, value } of fields) readClause(doc, clauseId)?.map.set(field, value);
  for (const { clauseId, textIndex, index, length, key, value } of corrections) {
    const clause = readClause(doc, clauseId);
    const text = clause ? proposalTexts({ heading: clause.heading, body: clause.body })[textIndex] : undefined;
    if (!text) continue;
    const end = Math.min(index + length, text.length);
    if (end > index) text.format(index, end - index, { [key]: value });
  }
}
