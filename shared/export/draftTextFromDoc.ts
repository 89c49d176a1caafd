import type * as Y from 'yjs';
import { isId } from '../ids.js';
import { numberClauses } from '../doc/numberClauses.js';
import { readOrderedClauses } from '../doc/readOrderedClauses.js';
import type { ClauseView } from '../doc/readClause.js';
import { readTitle, type ProposalAttrs } from '../doc/schema.js';
import { EMPTY_NEGOTIATION, type NegotiationSnapshot } from '../negotiation/NegotiationSnapshot.js';
import { cleanLine, cleanText } from './cleanText.js';
import { DraftText, type ClauseProposalMark, type ClauseText, type Inline } from './DraftText.js';
import { readBlocks } from './readBlocks.js';
import { UNKNOWN_DELEGATION, delegationName, mergeInlines, readInlines, type DelegationNames } from './readInlines.js';

/** What the document itself does not know: which draft and version it is. */
export interface DraftTextSource {
  draftId: string;
  /** "Rev.2" for a published revision; null otherwise. */
  revision: string | null;
  /** The version's label, or null for the live draft. */
  versionLabel: string | null;
  /** When the version was taken, ISO 8601 (any offset; stored normalised to UTC). Never the export time, but for a working text. */
  date: string;
  /** The draft's title; @default the title in the document's `meta` (readTitle) */
  title?: string;
  /** Numbering base, delegation names, statuses and positions as they were for this text. @default none */
  negotiation?: NegotiationSnapshot;
  /**
   * The live draft read for export as a working text: `date` is then the export time, and the DraftText says
   * so (`workingText`), so no reader takes it for a version. @default false
   */
  workingText?: boolean;
}

/**
 * Reads a draft's Y.Doc into DraftText, the one model every export and comparison reads.
 *
 * Clauses come in reading order (readOrderedClauses: duplicates and malformed clauses skipped), then clauses
 * whose id is not of the system's id shape (isId) are skipped too, since ids end up in file formats (Akoma
 * Ntoso eIds) and links. Numbers are derived from what remains (numberClauses): against the negotiation's
 * numbering base, except for a published revision, which is numbered cleanly. Title, label and headings are
 * one line of clean text (cleanLine); a heading that holds proposals also keeps them as runs (clauseHeading);
 * bodies keep only what DraftText allows (readBlocks). The result is checked against the DraftText schema, so
 * a reader can rely on it.
 *
 * Throws a RangeError when `source.date` is not a date: every export prints it, and inventing one would
 * break "the same version, the same bytes".
 */
export function draftTextFromDoc(doc: Y.Doc, source: DraftTextSource): DraftText {
  const time = Date.parse(source.date);
  if (Number.isNaN(time)) throw new RangeError(`Not an ISO 8601 date: ${JSON.stringify(source.date)}`);
  const negotiation = source.negotiation ?? EMPTY_NEGOTIATION;
  const names = negotiation.delegations;
  // A published revision is numbered cleanly: the base of other texts is the revision before them.
  const base = source.revision === null ? negotiation.numbering : null;
  const clauses = numberClauses(
    readOrderedClauses(doc).filter((clause) => isId(clause.id)),
    base,
  ).map((clause): ClauseText => {
    const status = own(negotiation.statuses, clause.id);
    return {
      id: clause.id,
      kind: clause.kind,
      number: clause.number,
      ...clauseHeading(clause.heading, names),
      blocks: clause.noText ? [] : readBlocks(clause.body, names),
      alternativeTo: clause.option && clause.option.index > 1 ? clause.option.root : null,
      option: clause.option ? { index: clause.option.index, count: clause.option.count } : null,
      noText: clause.noText,
      status: status ? { status: status.status, note: cleanText(status.note), at: status.at, by: cleanLine(status.by) } : null,
      positions: (own(negotiation.positions, clause.id) ?? [])
        .map((p) => ({
          delegationId: p.delegationId,
          delegation: cleanLine(own(names, p.delegationId) ?? UNKNOWN_DELEGATION),
          position: p.position,
          text: p.text === null ? null : cleanText(p.text),
        }))
        .sort((a, b) => (a.delegation < b.delegation ? -1 : a.delegation > b.delegation ? 1 : 0)),
      ...clauseProposals(clause, names),
    };
  });
  return DraftText.parse({
    format: 'draft-text/2',
    draftId: source.draftId,
    title: cleanLine(source.title ?? readTitle(doc)),
    revision: source.revision === null ? null : cleanLine(source.revision),
    versionLabel: source.versionLabel === null ? null : cleanLine(source.versionLabel),
    date: new Date(time).toISOString(),
    clauses,
    ...(source.workingText ? { workingText: { exportedAt: new Date(time).toISOString() } } : {}),
  });
}

/**
 * A clause's heading as one line of clean text, and, only when a delegation proposes to change it (its
 * `insertion` and `deletion` marks, read as a body's are by readInlines, with the delegation's name), its runs
 * with their proposal marks as `headingContent`. A heading is plain text: every other mark is dropped.
 * `heading` is then the runs' whole text, cleaned as one line across them (cleanLineRuns), so it reads as
 * before for any reader that ignores marks; a heading without proposals is exactly as before.
 */
function clauseHeading(heading: Y.Text, names: DelegationNames): Pick<ClauseText, 'heading' | 'headingContent'> {
  const plain = { heading: cleanLine(heading.toString()) };
  const runs = readInlines(heading, names).map((run) => ({ text: run.text, marks: run.marks.filter((m) => m.type === 'proposal') }));
  if (!runs.some((run) => run.marks.length > 0)) return plain;
  const content = cleanLineRuns(runs);
  // White space trimmed away may have been all a proposal held.
  if (!content.some((run) => run.marks.length > 0)) return plain;
  return { heading: content.map((run) => run.text).join(''), headingContent: content };
}

/**
 * cleanLine over runs: white space collapsed to one space across run boundaries (kept in the run it starts
 * in), none at either end, empty runs dropped and equal neighbours joined (mergeInlines).
 */
function cleanLineRuns(runs: readonly Inline[]): Inline[] {
  const out: Inline[] = [];
  let afterSpace = true;
  for (const run of runs) {
    let text = run.text.replace(/\s+/g, ' ');
    if (afterSpace) text = text.replace(/^ /, '');
    if (text.length === 0) continue;
    afterSpace = text.endsWith(' ');
    out.push({ text, marks: run.marks });
  }
  // Only the last run can end with white space: any run after one that did had its leading space dropped.
  const last = out[out.length - 1];
  if (last?.text.endsWith(' ')) last.text = last.text.slice(0, -1);
  return mergeInlines(out);
}

/**
 * A clause's own proposals (a proposed new clause, then a proposed deletion), with their delegation's name as
 * proposal marks carry it; no `proposals` field at all when there are none, so such clauses read as before.
 */
function clauseProposals(clause: ClauseView, names: DelegationNames): { proposals?: ClauseProposalMark[] } {
  const proposals: ClauseProposalMark[] = [];
  const add = (kind: ClauseProposalMark['kind'], attrs: ProposalAttrs | null) => {
    if (attrs)
      proposals.push({
        kind,
        id: attrs.id,
        delegationId: attrs.delegation,
        delegation: cleanLine(delegationName(names, attrs.delegation)),
      });
  };
  add('clause-insertion', clause.proposedBy);
  add('clause-deletion', clause.deletionProposedBy);
  return proposals.length > 0 ? { proposals } : {};
}

/** An own property of a record built from untrusted keys (clause ids), never one from Object.prototype. */
function own<V>(record: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(record, key) ? record[key] : undefined;
}
