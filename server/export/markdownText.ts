import { bracketGroups } from '../../shared/compare/bracketGroups.js';
import type { ProposalKind } from '../../shared/amendments/proposals.js';
import type { Inline, ProposalMark } from '../../shared/export/DraftText.js';
import { markProposalGroups } from '../../shared/export/proposalLabels.js';
import { UNKNOWN_DELEGATION } from '../../shared/export/readInlines.js';
import { bracketTag } from './clauseNotes.js';

/**
 * Escapes text so a CommonMark (or GitHub-flavoured) reader shows it literally: every character that can
 * start markup anywhere in a line is backslash-escaped, so no text can become a link, an HTML tag, an
 * entity, emphasis, code or a CriticMarkup proposal. Line-start markup (lists, headings, quotes, thematic breaks) is handled by
 * markdownLine, since only the start of a line can make it.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_[\]<>&#~|]/g, (ch) => `\\${ch}`)
    .replace(CRITIC_OPEN, '\\{')
    .replace(CRITIC_CLOSE, '\\}');
}

/** Braces that would open or close CriticMarkup ({++ ++}, {-- --}, {== ==}), which proposals are written in: escaped in text. */
const CRITIC_OPEN = /\{(?=[-+=]{2})/g;
const CRITIC_CLOSE = /(?<=[-+=]{2})\}/g;

/**
 * One line of Markdown from formatted runs: bold as `**`, italic as `*`, links as `[text](<href>)`, nested
 * link > bold > italic so neighbouring runs share their delimiters ("**bold *both* bold**").
 * White space is kept outside delimiters, where CommonMark's flanking rules need it.
 *
 * A bracketed passage (outermost of all) is written as escaped square brackets followed by a space and its
 * delegation in parentheses, in italics: `\[text\] (*Norway*)`, read as "[text] (Norway)". The escapes
 * and the space keep it from ever reading as a link, in Markdown or to a reader of the source.
 *
 * A proposal (amendments mode) is written as in CriticMarkup, inside any bracket: a proposed insertion as
 * `{++text++}`, a proposed deletion as `{--text--}`, each followed by a CriticMarkup comment naming the
 * delegation, `{>>United States<<}` (MARKDOWN_PROPOSALS_NOTE explains it at the top). A CommonMark reader
 * shows the marks literally, and CriticMarkup tools show them as insertions and deletions by that delegation.
 * `proposed` marks the text of a whole clause's proposal: every passage without a proposal of its own as
 * `{++text++}` (or `{--text--}`), without a comment (the line under the clause's heading names the delegation).
 */
export function markdownLine(runs: readonly Inline[], proposed: ProposalKind | null = null): string {
  const line = bracketGroups(trimRuns(runs))
    .map((group) => {
      const inner = proposalsMarkdown(group.runs, proposed);
      return group.bracket === null ? inner : `\\[${inner}\\] (*${escapeMarkdown(bracketTag(group.bracket))}*)`;
    })
    .join('');
  return guardLineStart(line);
}

const CRITIC: Record<ProposalMark['kind'], [string, string]> = { insertion: ['{++', '++}'], deletion: ['{--', '--}'] };

/** Text marked as proposed in CriticMarkup, without naming whose (a whole clause's proposal, or its heading). */
export function criticMarkup(markdown: string, kind: ProposalKind): string {
  const [open, close] = CRITIC[kind];
  return `${open}${markdown}${close}`;
}

function proposalsMarkdown(runs: readonly Inline[], proposed: ProposalKind | null): string {
  return markProposalGroups(runs)
    .map((group) => {
      let out = renderLevel(group.runs, 0);
      if (group.proposals.length === 0) return proposed && out.trim() ? criticMarkup(out, proposed) : out;
      for (const proposal of [...group.proposals].reverse()) {
        const [open, close] = CRITIC[proposal.kind];
        const name = proposal.delegation.replace(/\s+/g, ' ').trim() || UNKNOWN_DELEGATION;
        out = `${open}${out}${close}{>>${escapeMarkdown(name)}<<}`;
      }
      return out;
    })
    .join('');
}

type Level = (run: Inline) => string | null;

/** Grouping keys from the outermost mark in: a link's href, then bold, then italic. */
const LEVELS: Level[] = [
  (run) => run.marks.find((m) => m.type === 'link')?.href ?? null,
  (run) => (run.marks.some((m) => m.type === 'bold') ? '**' : null),
  (run) => (run.marks.some((m) => m.type === 'italic') ? '*' : null),
];

function renderLevel(runs: readonly Inline[], level: number): string {
  const key = LEVELS[level];
  if (!key) return runs.map((run) => escapeMarkdown(run.text)).join('');
  let out = '';
  for (const group of groupBy(runs, key)) {
    const inner = renderLevel(group.runs, level + 1);
    out += group.key === null ? inner : wrap(inner, group.key, level === 0);
  }
  return out;
}

function wrap(inner: string, key: string, isLink: boolean): string {
  const [, lead = '', core = '', trail = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(inner) ?? [];
  if (!core) return inner;
  return isLink ? `${lead}[${core}](<${key}>)${trail}` : `${lead}${key}${core}${key}${trail}`;
}

function groupBy(runs: readonly Inline[], key: Level): Array<{ key: string | null; runs: Inline[] }> {
  const groups: Array<{ key: string | null; runs: Inline[] }> = [];
  for (const run of runs) {
    const k = key(run);
    const last = groups[groups.length - 1];
    if (last && last.key === k) last.runs.push(run);
    else groups.push({ key: k, runs: [run] });
  }
  return groups;
}

/** Leading and trailing spaces of a line mean nothing in Markdown and four of them would start code. */
function trimRuns(runs: readonly Inline[]): Inline[] {
  const out = runs.map((run) => ({ ...run }));
  while (out.length > 0 && out[0]!.text.trimStart() === '') out.shift();
  while (out.length > 0 && out[out.length - 1]!.text.trimEnd() === '') out.pop();
  const first = out[0];
  if (first) first.text = first.text.trimStart();
  const last = out[out.length - 1];
  if (last) last.text = last.text.trimEnd();
  return out;
}

/** Escapes what would make a line a list item, heading, quote or thematic break ("1. ", "- ", "+ ", "=", "---"). */
function guardLineStart(line: string): string {
  const ordered = /^(\d{1,9})([.)])/.exec(line);
  if (ordered) return `${ordered[1]}\\${ordered[2]}${line.slice(ordered[0].length)}`;
  return /^[-+=]/.test(line) ? `\\${line}` : line;
}
