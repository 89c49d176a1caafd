import { describe, expect, it } from 'vitest';
import { renderRedlineHtml } from '../../../server/export/redline/renderRedlineHtml.js';
import { renderHtml } from '../../../server/export/renderHtml.js';
import { compareDrafts } from '../../../shared/compare/compareDrafts.js';
import { fixtureDraft, hostileDraft } from './drafts.js';
import { attr, byTag, elements, textOf, within, type Element } from './htmlTree.js';
import { FORBIDDEN_SUBSTRINGS } from './hostileFixture.js';
import { RL, redlineComparison, redlineFixtureSides } from './redlineFixture.js';

const sectionOf = (html: string, clauseId: string): Element => byTag(html, 'section').find((s) => attr(s, 'id') === `clause-${clauseId}`)!;

describe('renderRedlineHtml', () => {
  const html = renderRedlineHtml(redlineComparison(), redlineFixtureSides());

  it('marks inserted words with <ins> and deleted words with <del>, word by word inside a changed clause', () => {
    const clause = sectionOf(html, RL.op1);
    expect(within(clause, 'ins').map(textOf)).toEqual(['OP2', 'in licence reviews', 'will', ' carefully ', 'serious ']);
    expect(within(clause, 'del').map(textOf)).toEqual(['OP1', 'will ']);
    expect(textOf(within(clause, 'p')[0]!)).toBe('Subscribing States will will carefully take into account the serious risk.');
    expect(within(clause, 'strong').map(textOf)).toEqual(['will']);
  });

  it('shows a removed clause struck through and an added one inserted, each labelled with its number', () => {
    const removed = sectionOf(html, RL.op2);
    expect(attr(removed, 'class')).toBe('clause operative removed');
    expect(within(removed, 'del').map(textOf)).toEqual(['OP2. Consultation', 'Subscribing States will consult stakeholders.']);
    expect(within(removed, 'ins')).toEqual([]);
    const added = sectionOf(html, RL.added);
    expect(attr(added, 'class')).toBe('clause operative added');
    expect(within(added, 'ins').map(textOf)).toEqual(['OP4. Transparency', "Publish reports in Côte d'Ivoire."]);
    const labels = byTag(html, 'p').filter((p) => attr(p, 'class')?.startsWith('change-label'));
    expect(labels.map((p) => [attr(p, 'class'), textOf(p)])).toEqual([
      ['change-label label-moved', 'Moved: OP4 in Rev.1, now OP1 in Rev.2'],
      ['change-label label-removed', 'Removed: was OP2 in Rev.1'],
      ['change-label label-added', 'Added in Rev.2 as OP4'],
    ]);
  });

  it('labels a moved clause with both numbers and shows its renumbering in the heading', () => {
    const moved = sectionOf(html, RL.op4);
    expect(attr(moved, 'class')).toBe('clause operative unchanged moved');
    expect(textOf(within(moved, 'h3')[0]!)).toBe('OP4OP1. Capacity building');
    expect(within(moved, 'del').map(textOf)).toEqual(['OP4']);
    expect(within(moved, 'ins').map(textOf)).toEqual(['OP1']);
  });

  it('keeps lists as lists, each ordered item numbered, an inserted item marked as such', () => {
    const clause = sectionOf(html, RL.op3);
    const items = within(clause, 'li');
    expect(items.map((li) => [attr(li, 'value'), textOf(li)])).toEqual([
      ['1', 'threats;'],
      ['2', 'emerging risks.;'],
      ['3', 'best practices.'],
    ]);
    expect(within(items[2]!, 'p').map((p) => attr(p, 'class'))).toEqual(['inserted']);
    expect(within(items[1]!, 'ins').map(textOf)).toEqual(['emerging ', ';']);
  });

  it('keeps every clause of both sides in the newer order, unchanged text unmarked', () => {
    expect(byTag(html, 'section').map((s) => attr(s, 'id'))).toEqual(
      [RL.preamble, RL.pp1, RL.commitments, RL.op4, RL.op1, RL.op2, RL.op3, RL.added].map((id) => `clause-${id}`),
    );
    const pp1 = sectionOf(html, RL.pp1);
    expect(within(pp1, 'ins').length + within(pp1, 'del').length).toBe(0);
    expect(textOf(pp1)).toContain('Recalling the commitments of Türkiye and Ελλάδα,');
    expect(byTag(html, 'h2').map(textOf)).toEqual(['Preamble', 'Commitments']);
  });

  it('is one standalone print-ready page: title block, counts, a legend, print styles, a CSP and nothing to load or run', () => {
    expect(textOf(byTag(html, 'h1')[0]!)).toBe('Code of Conduct');
    const header = byTag(html, 'header')[0]!;
    expect(textOf(header)).toContain('Redline: Rev.1, 1 March 2025 → Rev.2, 2 April 2025');
    expect(textOf(header)).toContain('Clauses: 2 changed, 1 added, 1 removed, 1 moved, 4 unchanged.');
    const legend = elements(html).find((e) => attr(e, 'class') === 'legend')!;
    expect(within(legend, 'ins').map(textOf)).toEqual(['Inserted text']);
    expect(within(legend, 'del').map(textOf)).toEqual(['deleted text']);
    expect(textOf(legend)).toMatch(/Added.*Removed.*Moved/s);
    const style = textOf(byTag(html, 'style')[0]!);
    expect(style).toContain('@page { size: A4');
    expect(style).toMatch(/ins \{[^}]*underline/);
    expect(style).toMatch(/del \{[^}]*line-through/);
    expect(style).toContain('print-color-adjust: exact');
    const csp = byTag(html, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy');
    expect(attr(csp!, 'content')).toContain("default-src 'none'");
    expect(elements(html).filter((e) => ['script', 'link', 'img', 'iframe', 'object'].includes(e.tagName))).toEqual([]);
  });

  it('shows a changed title as a redline and is the same string every time', () => {
    const sides = redlineFixtureSides();
    const retitled = renderRedlineHtml(redlineComparison(), { ...sides, to: { ...sides.to, title: 'Code of Conduct on Exports' } });
    expect(within(byTag(retitled, 'h1')[0]!, 'ins').map(textOf)).toEqual(['on Exports']);
    expect(renderRedlineHtml(redlineComparison(), redlineFixtureSides())).toBe(html);
  });

  it('rebuilds nested lists as the clean export draws them when nothing changed', () => {
    const draft = fixtureDraft();
    const lists = (page: string) => {
      const main = byTag(page, 'main')[0]!;
      return ['ul', 'ol', 'li'].map((tag) => within(main, tag).map((e) => [within(e, 'li').length, textOf(e)]));
    };
    const redline = renderRedlineHtml(compareDrafts(draft, draft), { from: draft, to: draft });
    expect(lists(redline)).toEqual(lists(renderHtml(draft)));
    expect(byTag(redline, 'ins').length + byTag(redline, 'del').length).toBe(2);
  });

  it('renders a hostile document inertly: no script, no event handler, no unsafe link', () => {
    const hostile = hostileDraft();
    const redline = renderRedlineHtml(compareDrafts(fixtureDraft(), hostile), { from: fixtureDraft(), to: hostile });
    const all = elements(redline);
    expect(all.filter((e) => ['script', 'style'].includes(e.tagName)).map((e) => e.tagName)).toEqual(['style']);
    expect(all.flatMap((e) => e.attrs).filter((a) => a.name.startsWith('on') || a.name === 'style')).toEqual([]);
    for (const a of byTag(redline, 'a')) expect(attr(a, 'href')).toMatch(/^(https:|mailto:)/);
    for (const bad of FORBIDDEN_SUBSTRINGS) expect(redline.toLowerCase()).not.toContain(bad);
    expect(textOf(byTag(redline, 'h1')[0]!)).toContain('<script>alert("title")</script>');
  });
});
