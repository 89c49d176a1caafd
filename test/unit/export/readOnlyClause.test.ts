import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ReadOnlyClause } from '../../../client/versions/ReadOnlyClause.js';
import { attr, elements, textOf } from './htmlTree.js';
import { DELEGATIONS, HOSTILE_RESERVATION, NEGOTIATION_IDS, negotiationDraft, STATUS_NOTE } from './negotiationFixture.js';

/** The read-only view of one clause of the negotiation fixture, as the browser would get it (React, no HTML strings). */
function view(clauseId: string) {
  const clause = negotiationDraft().clauses.find((c) => c.id === clauseId)!;
  const html = renderToStaticMarkup(createElement(ReadOnlyClause, { clause }));
  const all = elements(html);
  return { html, all, byClass: (name: string) => all.filter((e) => (attr(e, 'class') ?? '').split(' ').includes(name)) };
}

describe('ReadOnlyClause, the clause of a saved version', () => {
  it('shows each bracketed passage once, as [text] with its delegation as a tag, however many runs it spans', () => {
    const { all, byClass } = view(NEGOTIATION_IDS.pp1);
    expect(byClass('version-bracket').map(textOf)).toEqual(['[firm commitments]Norway', `[and others]${DELEGATIONS.hostile.name}`]);
    expect(byClass('version-bracket-tag').map((e) => [e.tagName, textOf(e)])).toEqual([
      ['sup', 'Norway'],
      ['sup', DELEGATIONS.hostile.name],
    ]);
    expect(byClass('version-bracket').map((e) => attr(e, 'title'))).toEqual([
      'Bracketed by Norway',
      `Bracketed by ${DELEGATIONS.hostile.name}`,
    ]);
    expect(all.filter((e) => e.tagName === 'strong').map(textOf)).toEqual(['commitments']);
    expect(textOf(all.find((e) => e.tagName === 'p')!)).toBe(
      `Recalling the [firm commitments]Norway of all States [and others]${DELEGATIONS.hostile.name} here,`,
    );
  });

  it('labels options, and shows a "no text" option as No text in italics', () => {
    expect(view(NEGOTIATION_IDS.pp2alt).byClass('version-option-label').map(textOf)).toEqual(['Option 2']);
    const noText = view(NEGOTIATION_IDS.pp2noText);
    expect(noText.byClass('version-option-label').map(textOf)).toEqual(['Option 3']);
    expect(noText.byClass('version-no-text').map(textOf)).toEqual(['No text']);
    expect(noText.all.filter((e) => e.tagName === 'em').map(textOf)).toEqual(['No text']);
    expect(
      attr(
        noText.all.find((e) => e.tagName === 'article')!,
        'class',
      ),
    ).toBe('clause clause-preambular clause-option clause-alternative');
  });

  it('shows a clause’s status with its note, and the delegations’ positions', () => {
    const { byClass } = view(NEGOTIATION_IDS.op1);
    expect(byClass('version-status').map((e) => [attr(e, 'class'), textOf(e)])).toEqual([
      ['version-status version-status-agreed-ad-ref', 'Agreed ad ref'],
    ]);
    expect(byClass('version-clause-meta').map(textOf)).toEqual([`Agreed ad ref — ${STATUS_NOTE}`]);
    expect(byClass('version-positions').map(textOf)).toEqual([
      `Positions: ${DELEGATIONS.hostile.name} — can live with; Norway — reservation: “${HOSTILE_RESERVATION}”; United States — supports`,
    ]);
    expect(view(NEGOTIATION_IDS.pp1).byClass('version-clause-meta')).toEqual([]);
  });

  it('keeps delegation names and reservation texts inert: no element or attribute comes from them', () => {
    for (const id of Object.values(NEGOTIATION_IDS)) {
      const { all } = view(id);
      expect(all.filter((e) => ['script', 'img', 'svg', 'iframe', 'a'].includes(e.tagName))).toEqual([]);
      expect(all.flatMap((e) => e.attrs.filter((a) => a.name.startsWith('on')))).toEqual([]);
    }
  });
});
