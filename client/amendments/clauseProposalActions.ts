import type * as Y from 'yjs';
import { addClause } from '../../shared/doc/addClause.js';
import type { ClausePlacement } from '../../shared/doc/clausePlacement.js';
import { readClause } from '../../shared/doc/readClause.js';
import { CLAUSE_FIELD, type ClauseKind, type ProposalAttrs } from '../../shared/doc/schema.js';
import { CLAUSE_KIND_LABEL } from '../common/draft/clauseName.js';
import { newProposalId } from '../editor/index.js';
import { amendmentsApi } from './amendmentsApi.js';

/** What a delegate in amendments mode does to whole clauses: propose one, propose deleting one, withdraw either. */
export interface ClauseProposalActions {
  /** Proposes a new clause of `delegation` next to another one and puts focus into its text. */
  proposeClause(kind: ClauseKind, placement: ClausePlacement, delegation: string): void;
  /** Proposes deleting a clause, for `delegation`; nothing when someone already proposes it. */
  proposeDeletion(id: string, delegation: string): void;
  /** Withdraws one of the delegation's own proposals on a clause (through the server); rejects with its ApiError. */
  withdraw(proposalId: string): Promise<void>;
}

export interface ClauseProposalActionsContext {
  doc: Y.Doc;
  draftId: string;
  /** Says what happened in the page's live region. */
  announce: (text: string) => void;
  /** Puts focus into a clause's text once it is on the page. */
  focusText: (id: string) => void;
  /** "OP2", for the announcements; null when the clause is not in the text. */
  nameOf: (id: string) => string | null;
}

/**
 * Changes made outside TipTap's undo and the page's structure undo (neither may take them back: removing a
 * proposed clause from the order, or a proposal from a clause, is a decision, which the server refuses from a
 * delegate's edit; a delegation takes its own back by withdrawing it).
 */
const PROPOSAL_ORIGIN: unique symbol = Symbol('a clause proposal');

/**
 * Proposals on whole clauses as edits of the document, which the server lets a delegate make in amendments
 * mode: a new clause carrying `proposedBy` (the delegation, a fresh proposal id), and `deletionProposedBy` on an
 * existing clause. The server puts either in the sender's own delegation whatever the page writes. Withdrawing
 * goes through the server like any withdrawal (a rejection by the proposer), so it is audited the same way.
 */
export function clauseProposalActions({ doc, draftId, announce, focusText, nameOf }: ClauseProposalActionsContext): ClauseProposalActions {
  return {
    proposeClause(kind, placement, delegation) {
      const proposedBy: ProposalAttrs = { id: newProposalId(), delegation };
      let id = '';
      doc.transact(() => {
        id = addClause(doc, { kind, ...placement, proposedBy });
      }, PROPOSAL_ORIGIN);
      const reference = nameOf(placement.before ?? placement.after ?? '');
      const where = placement.before ? 'above' : 'below';
      announce(`New ${CLAUSE_KIND_LABEL[kind]} proposed${reference ? ` ${where} ${reference}` : ''}; type its text.`);
      focusText(id);
    },
    proposeDeletion(id, delegation) {
      const clause = readClause(doc, id);
      if (!clause || clause.deletionProposedBy) return;
      doc.transact(() => {
        clause.map.set(CLAUSE_FIELD.deletionProposedBy, { id: newProposalId(), delegation } satisfies ProposalAttrs);
      }, PROPOSAL_ORIGIN);
      const name = nameOf(id);
      announce(`Deletion of ${name ?? 'the clause'} proposed.`);
    },
    async withdraw(proposalId) {
      await amendmentsApi.decide(draftId, proposalId, 'reject');
      announce('Proposal withdrawn.');
    },
  };
}
