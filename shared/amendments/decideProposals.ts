import type * as Y from 'yjs';
import {
  bodyTexts,
  PROPOSAL_KINDS,
  PROPOSAL_MARK,
  proposalTexts,
  readProposalRuns,
  type ProposalHolder,
  type ProposalKind,
} from './proposals.js';

export type Decision = 'accept' | 'reject';

/**
 * Carries out a decision on proposals in one clause body, in the caller's transaction:
 * accepting an insertion drops its mark (the text stays), rejecting it removes the text; accepting a
 * deletion removes the text, rejecting it drops its mark. Returns the number of passages changed.
 */
export function decideInBody(body: Y.XmlFragment, ids: ReadonlySet<string>, decision: Decision): number {
  return decideInTexts(bodyTexts(body), ids, decision);
}

/** decideInBody over a clause's heading and body (proposalTexts). */
export function decideInClause(clause: ProposalHolder, ids: ReadonlySet<string>, decision: Decision): number {
  return decideInTexts(proposalTexts(clause), ids, decision);
}

function decideInTexts(texts: readonly Y.Text[], ids: ReadonlySet<string>, decision: Decision): number {
  let changed = 0;
  for (const text of texts) {
    // Passages in the text's characters, worked from the end so earlier indices stay valid.
    const passages: Array<{ index: number; length: number; kind: ProposalKind }> = [];
    let index = 0;
    for (const run of readProposalRuns(text)) {
      for (const kind of PROPOSAL_KINDS) {
        const attrs = run[kind];
        if (attrs && ids.has(attrs.id)) passages.push({ index, length: run.text.length, kind });
      }
      index += run.text.length;
    }
    // A run counted for both kinds (never written by an honest client) is removed once, not twice.
    const done = new Set<number>();
    for (const { index: at, length, kind } of passages.reverse()) {
      const removes = (kind === 'insertion') === (decision === 'reject');
      if (removes) {
        if (done.has(at)) continue;
        done.add(at);
        text.delete(at, length);
      } else {
        text.format(at, length, { [PROPOSAL_MARK[kind]]: null });
      }
      changed += 1;
    }
  }
  return changed;
}
