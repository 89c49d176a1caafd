import * as Y from 'yjs';
import { isClauseProposal, type Amendment } from '../../shared/amendments/clauseProposals.js';
import { bodyTexts, PROPOSAL_KINDS, proposalAttrs, PROPOSAL_MARK } from '../../shared/amendments/proposals.js';
import type { CommentAnchor } from '../../shared/api/comments.js';
import { encodeAnchorPosition } from '../../shared/comments/commentAnchor.js';

/*
 * Comment threads on proposals (a delegation says it "can live with" a proposal, or objects). A thread is
 * anchored on the proposal's passage like any comment on a passage, so it needs nothing new on the server
 * and stays on the words once the proposal is decided; a thread counts as being on a text proposal while its
 * passage overlaps the proposal's passage. A proposal on a whole clause, or in a clause's heading (comments
 * anchor in the body only), is discussed in threads on the whole clause (no passage).
 */

/** Whether a proposal is discussed in threads on its whole clause (it has no passage in the body). */
export function discussedOnWholeClause(proposal: Amendment): boolean {
  return isClauseProposal(proposal) || proposal.inHeading === true;
}

/** Part of a clause body, in characters of text from its start (as the comments' passageRange counts). */
export interface BodyRange {
  from: number;
  to: number;
}

/** One run of a proposal's passage: where it is in its Y.XmlText, and in the body. */
interface PassageRun {
  text: Y.XmlText;
  index: number;
  length: number;
  from: number;
}

type DeltaOp = { insert?: unknown; attributes?: Record<string, unknown> };

/** The runs of every text proposal in a body, by proposal id, in reading order. */
function passageRuns(body: Y.XmlFragment): Map<string, PassageRun[]> {
  const runs = new Map<string, PassageRun[]>();
  let offset = 0;
  for (const text of bodyTexts(body)) {
    let index = 0;
    for (const op of text.toDelta() as DeltaOp[]) {
      // An embed counts one character, as Y.XmlText's length (and so the comments' offsets) count it.
      const length = typeof op.insert === 'string' ? op.insert.length : 1;
      for (const kind of PROPOSAL_KINDS) {
        const attrs = proposalAttrs(op.attributes?.[PROPOSAL_MARK[kind]]);
        if (!attrs || length === 0) continue;
        const list = runs.get(attrs.id) ?? [];
        list.push({ text, index, length, from: offset + index });
        runs.set(attrs.id, list);
      }
      index += length;
    }
    offset += text.length;
  }
  return runs;
}

/** A Y.XmlText's characters (Y.XmlText's toString writes its formatting as XML), an embed as U+FFFC. */
function plainText(text: Y.XmlText): string {
  return (text.toDelta() as DeltaOp[]).map((op) => (typeof op.insert === 'string' ? op.insert : '\uFFFC')).join('');
}

/** Where each text proposal of a body lies, by proposal id: its passages, in body offsets. */
export function proposalRanges(body: Y.XmlFragment): Map<string, BodyRange[]> {
  return new Map([...passageRuns(body)].map(([id, runs]) => [id, runs.map((run) => ({ from: run.from, to: run.from + run.length }))]));
}

/**
 * A comment anchor on a text proposal's passage, from the start of its first run to the end of its last
 * (a proposal spread over several places is quoted with what lies between), or null when the body holds no
 * such proposal. The start is tied to the passage's first character and the end to its last, as
 * anchorFromRange ties a selection's, so words typed just before or after stay outside the thread's passage.
 */
export function proposalAnchor(body: Y.XmlFragment, proposalId: string, quote: (text: string) => string): CommentAnchor | null {
  const runs = passageRuns(body).get(proposalId);
  const first = runs?.[0];
  const last = runs?.[runs.length - 1];
  if (!first || !last) return null;
  const start = Y.createRelativePositionFromTypeIndex(first.text, first.index, 0);
  const end = Y.createRelativePositionFromTypeIndex(last.text, last.index + last.length, -1);
  const texts = bodyTexts(body);
  const passage = texts
    .slice(texts.indexOf(first.text), texts.indexOf(last.text) + 1)
    .map((text) => {
      const whole = plainText(text);
      const from = text === first.text ? first.index : 0;
      const to = text === last.text ? last.index + last.length : whole.length;
      return whole.slice(from, to);
    })
    .join('\n')
    .replaceAll('\uFFFC', '');
  const shown = passage.trim() === '' ? 'the proposed passage' : passage;
  return { start: encodeAnchorPosition(start), end: encodeAnchorPosition(end), quote: quote(shown) };
}

/** What the count needs of a comment thread: its clause and, for a thread on a passage, that passage's anchor. */
export interface ThreadOnClause {
  id: string;
  clauseId: string;
  anchor: Pick<CommentAnchor, 'start' | 'end'> | null;
}

/**
 * The threads on a proposal: for a text proposal, the threads of its clause whose passage overlaps the
 * proposal's (`rangeOf` says where a thread's passage is now, null once gone); for a proposal on a whole
 * clause, the threads on that whole clause.
 */
export function threadsOnProposal<T extends ThreadOnClause>(
  proposal: Amendment,
  threads: readonly T[],
  ranges: ReadonlyMap<string, readonly BodyRange[]>,
  rangeOf: (thread: T) => BodyRange | null,
): T[] {
  const ofClause = threads.filter((thread) => thread.clauseId === proposal.clauseId);
  if (discussedOnWholeClause(proposal)) return ofClause.filter((thread) => thread.anchor === null);
  const passages = ranges.get(proposal.id) ?? [];
  return ofClause.filter((thread) => {
    if (thread.anchor === null) return false;
    const range = rangeOf(thread);
    return range !== null && passages.some((passage) => passage.from < range.to && range.from < passage.to);
  });
}
