import { describe, expect, it } from 'vitest';
import { renderHtml } from '../../../server/export/renderHtml.js';
import { fixtureDraft, hostileDraft } from './drafts.js';
import { COUNTRY_NAMES, IDS } from './fixtureDoc.js';
import { DROPPED_TEXT, FORBIDDEN_SUBSTRINGS, HOSTILE_TITLE, INERT_MARKUP } from './hostileFixture.js';
import { attr, byTag, elements, textOf, type Element } from './htmlTree.js';
import { DELEGATIONS, HOSTILE_RESERVATION, NEGOTIATION_IDS, negotiationDraft, STATUS_NOTE } from './negotiationFixture.js';

describe('renderHtml', () => {
  const html = renderHtml(fixtureDraft());

  it('is one standalone document with its styles inline and a policy that forbids scripts', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(byTag(html, 'style')).toHaveLength(1);
    expect(textOf(byTag(html, 'style')[0]!)).toContain('@page { size: A4');
    expect(byTag(html, 'link')).toEqual([]);
    const csp = byTag(html, 'meta').find((m) => attr(m, 'http-equiv') === 'Content-Security-Policy');
    expect(attr(csp!, 'content')).toContain("default-src 'none'");
  });

  it('gives the title, version line, section and numbered clause headings', () => {
    expect(byTag(html, 'h1').map(textOf)).toEqual(['Code of Conduct on Export Controls and Human Rights']);
    expect(
      elements(html)
        .filter((e) => attr(e, 'class') === 'version')
        .map(textOf),
    ).toEqual(['Rev.2, 1 March 2025']);
    expect(byTag(html, 'h2').map(textOf)).toEqual(['Commitments']);
    expect(byTag(html, 'h3').map(textOf)).toEqual([
      'PP1. Recalling shared commitments',
      'PP2',
      'OP1. Human rights in licence reviews',
      'OP2. Stakeholders — Ελλάδα and Україна',
    ]);
    expect(byTag(html, 'section').map((s) => attr(s, 'id'))).toEqual(
      [IDS.pp1, IDS.pp2, IDS.section, IDS.op1, IDS.op2].map((id) => `clause-${id}`),
    );
  });

  it('keeps the country names, bold, italic, links and nested lists', () => {
    const body = textOf(byTag(html, 'main')[0]!);
    for (const name of COUNTRY_NAMES) expect(body).toContain(name);
    expect(byTag(html, 'strong').map(textOf)).toEqual(['Türkiye', 'Україна', 'will']);
    expect(byTag(html, 'em').map(textOf)).toEqual(['Ελλάδα', 'Україна', 'serious']);
    expect(byTag(html, 'a').map((a) => [attr(a, 'href'), textOf(a)])).toEqual([
      ['https://www.ohchr.org/en/business', 'Guiding Principles'],
      ['mailto:secretariat@example.org', 'contact point'],
    ]);
    expect(byTag(html, 'ul')).toHaveLength(1);
    expect(byTag(html, 'ol')).toHaveLength(2);
    expect(byTag(html, 'li')).toHaveLength(6);
  });

  it('renders a hostile document as inert text only: no script, no handlers, no styles, no dangerous links', () => {
    const hostile = renderHtml(hostileDraft());
    const all = elements(hostile);
    expect(all.filter((e) => ['script', 'img', 'iframe', 'object', 'embed', 'form', 'base', 'link'].includes(e.tagName))).toEqual([]);
    expect(
      all.flatMap((e) => e.attrs.filter((a) => a.name.startsWith('on') || a.name === 'style').map((a) => `${e.tagName} ${a.name}`)),
    ).toEqual([]);
    expect(byTag(hostile, 'style')).toHaveLength(1);
    expect(byTag(hostile, 'a').map((a) => attr(a, 'href'))).toEqual(['https://example.org/ok']);
    const body = textOf(byTag(hostile, 'main')[0]!);
    expect(body).toContain(INERT_MARKUP);
    expect(byTag(hostile, 'h1').map(textOf)).toEqual([HOSTILE_TITLE]);
    expect(byTag(hostile, 'title').map(textOf)[0]).toContain(HOSTILE_TITLE);
    for (const dropped of DROPPED_TEXT) expect(hostile).not.toContain(dropped);
    for (const bad of FORBIDDEN_SUBSTRINGS) expect(hostile.toLowerCase()).not.toContain(bad);
  });

  it('marks runs changed in a redline with ins and del', async () => {
    const { htmlInline } = await import('../../../server/export/htmlInline.js');
    const added = htmlInline({ text: 'new <text>', marks: [{ type: 'bold' }], change: 'inserted' });
    const removed = htmlInline({ text: 'old', marks: [], change: 'deleted' });
    expect(byTag(added, 'ins').map(textOf)).toEqual(['new <text>']);
    expect(byTag(added, 'strong')).toHaveLength(1);
    expect(byTag(removed, 'del').map(textOf)).toEqual(['old']);
  });
});

describe('renderHtml of a draft in negotiation', () => {
  const html = renderHtml(negotiationDraft());
  const all = elements(html);
  const byClass = (name: string) => all.filter((e) => (attr(e, 'class') ?? '').split(' ').includes(name));
  /** The element right after `e` among its parent's children. */
  const next = (e: Element): Element | undefined => {
    const siblings = (e.parentNode as Element).childNodes.filter((c): c is Element => 'tagName' in c);
    return siblings[siblings.indexOf(e) + 1];
  };

  it('shows each bracketed passage as one span.bracket "[text]" followed by its delegation in sup.bracket-tag', () => {
    const brackets = byClass('bracket');
    expect(brackets.map((b) => [b.tagName, textOf(b), next(b)?.tagName, attr(next(b)!, 'class'), textOf(next(b)!)])).toEqual([
      ['span', '[firm commitments]', 'sup', 'bracket-tag', 'Norway'],
      ['span', '[and others]', 'sup', 'bracket-tag', DELEGATIONS.hostile.name],
      ['span', '[with concern]', 'sup', 'bracket-tag', 'United States'],
    ]);
    expect(byTag(html, 'strong').map(textOf)).toEqual(['commitments']);
    expect(textOf(byTag(html, 'p').find((p) => textOf(p).startsWith('Recalling'))!)).toBe(
      `Recalling the [firm commitments]Norway of all States [and others]${DELEGATIONS.hostile.name} here,`,
    );
  });

  it('labels options under their headings, marks their sections, and writes a "no text" option as No text in italics', () => {
    const optionSections = byTag(html, 'section').filter((s) => (attr(s, 'class') ?? '').split(' ').includes('option'));
    expect(optionSections.map((s) => attr(s, 'id'))).toEqual(
      [NEGOTIATION_IDS.pp2, NEGOTIATION_IDS.pp2alt, NEGOTIATION_IDS.pp2noText].map((id) => `clause-${id}`),
    );
    expect(byClass('clause-meta').map(textOf)).toEqual([
      'Option 1 · Status: Open',
      'Option 2',
      'Option 3',
      `Status: Agreed ad ref — ${STATUS_NOTE}`,
    ]);
    const noText = byClass('no-text');
    expect(noText.map((p) => [p.tagName, textOf(p), (p.childNodes[0] as Element).tagName])).toEqual([['p', 'No text', 'em']]);
  });

  it('gives a clause with a status a meta line classed by status, and its positions after the body', () => {
    expect(byClass('status-agreed-ad-ref').map(textOf)).toEqual([`Status: Agreed ad ref — ${STATUS_NOTE}`]);
    expect(byClass('positions').map(textOf)).toEqual([
      `Positions: ${DELEGATIONS.hostile.name} — can live with; Norway — reservation: “${HOSTILE_RESERVATION}”; United States — supports`,
    ]);
    expect(textOf(byClass('bracket-tag')[0]!)).toBe('Norway');
    expect(textOf(byTag(html, 'style')[0]!)).toContain('.bracket-tag');
  });

  it('keeps delegation names and reservation texts inert: no element or attribute comes from them', () => {
    expect(all.filter((e) => ['script', 'img', 'iframe', 'svg', 'a'].includes(e.tagName))).toEqual([]);
    expect(all.flatMap((e) => e.attrs.filter((a) => a.name.startsWith('on')))).toEqual([]);
  });
});
