import { PLAIN_CLAUSE_FIELDS } from '../../../shared/export/DraftText.js';
import { Parser, type Node } from 'commonmark';
import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../../../server/export/renderMarkdown.js';
import type { Inline } from '../../../shared/export/DraftText.js';
import { fixtureDraft, hostileDraft } from './drafts.js';
import { COUNTRY_NAMES } from './fixtureDoc.js';
import { DROPPED_TEXT, FORBIDDEN_SUBSTRINGS, HOSTILE_TITLE, INERT_MARKUP } from './hostileFixture.js';
import { DELEGATIONS, HOSTILE_RESERVATION, negotiationDraft, STATUS_NOTE } from './negotiationFixture.js';

/** Every node of a CommonMark tree, as the reference parser (commonmark.js) reads it. */
function nodes(markdown: string): Node[] {
  const all: Node[] = [];
  const walker = new Parser().parse(markdown).walker();
  for (let step = walker.next(); step; step = walker.next()) if (step.entering) all.push(step.node);
  return all;
}

function textOf(node: Node): string {
  let out = '';
  const walker = node.walker();
  for (let step = walker.next(); step; step = walker.next())
    if (step.entering && step.node.literal && step.node.type === 'text') out += step.node.literal;
  return out;
}

const headings = (md: string) =>
  nodes(md)
    .filter((n) => n.type === 'heading')
    .map((n) => [n.level, textOf(n)]);

describe('renderMarkdown', () => {
  const md = renderMarkdown(fixtureDraft());

  it('gives the title, sections and numbered clause headings as CommonMark headings', () => {
    expect(headings(md)).toEqual([
      [1, 'Code of Conduct on Export Controls and Human Rights'],
      [3, 'PP1. Recalling shared commitments'],
      [3, 'PP2'],
      [2, 'Commitments'],
      [3, 'OP1. Human rights in licence reviews'],
      [3, 'OP2. Stakeholders — Ελλάδα and Україна'],
    ]);
  });

  it('states the revision and date under the title', () => {
    const version = nodes(md).find((n) => n.type === 'emph');
    expect(version && textOf(version)).toBe('Rev.2, 1 March 2025');
  });

  it('keeps the country names, bold, italic, links and lists', () => {
    const all = nodes(md);
    const text = all
      .filter((n) => n.type === 'text')
      .map((n) => n.literal)
      .join('');
    for (const name of COUNTRY_NAMES) expect(text).toContain(name);
    expect(all.filter((n) => n.type === 'strong').map(textOf)).toEqual(expect.arrayContaining(['Türkiye', 'will', 'Україна']));
    expect(all.filter((n) => n.type === 'emph').map(textOf)).toEqual(expect.arrayContaining(['Ελλάδα', 'Україна', 'serious']));
    expect(all.filter((n) => n.type === 'link').map((n) => [n.destination, textOf(n)])).toEqual([
      ['https://www.ohchr.org/en/business', 'Guiding Principles'],
      ['mailto:secretariat@example.org', 'contact point'],
    ]);
    const lists = all.filter((n) => n.type === 'list').map((n) => n.listType);
    expect(lists).toEqual(['bullet', 'ordered', 'ordered']);
    expect(all.filter((n) => n.type === 'item')).toHaveLength(6);
  });

  it('writes marks so CommonMark reads them back whatever their neighbours', () => {
    const run = (text: string, ...types: Array<'bold' | 'italic'>): Inline => ({ text, marks: types.map((type) => ({ type })) });
    const draft = {
      ...fixtureDraft(),
      clauses: [
        {
          id: 'x'.repeat(16),
          kind: 'operative' as const,
          number: 'OP1',
          heading: '',
          ...PLAIN_CLAUSE_FIELDS,
          positions: [],
          blocks: [
            {
              type: 'paragraph' as const,
              content: [run('bold ', 'bold'), run('both', 'bold', 'italic'), run(' bold', 'bold'), run('plain')],
            },
            { type: 'paragraph' as const, content: [run('a', 'bold'), run('b', 'italic'), run('c', 'bold')] },
            { type: 'paragraph' as const, content: [run('1. not a list '), run(' spaced ', 'bold')] },
          ],
        },
      ],
    };
    const all = nodes(renderMarkdown(draft));
    expect(all.filter((n) => n.type === 'strong').map(textOf)).toEqual(['bold both bold', 'a', 'c', 'spaced']);
    expect(all.filter((n) => n.type === 'emph').map(textOf)).toEqual(['Rev.2, 1 March 2025', 'both', 'b']);
    expect(all.some((n) => n.type === 'list')).toBe(false);
  });

  it('renders a hostile document as inert text only: no HTML, no dropped text, no dangerous link', () => {
    const hostile = renderMarkdown(hostileDraft());
    const all = nodes(hostile);
    expect(all.filter((n) => n.type === 'html_inline' || n.type === 'html_block' || n.type === 'code' || n.type === 'code_block')).toEqual(
      [],
    );
    const text = all
      .filter((n) => n.type === 'text')
      .map((n) => n.literal)
      .join('');
    expect(text).toContain(INERT_MARKUP);
    expect(text).toContain(HOSTILE_TITLE);
    expect(all.filter((n) => n.type === 'link').map((n) => n.destination)).toEqual(['https://example.org/ok']);
    for (const dropped of DROPPED_TEXT) expect(hostile).not.toContain(dropped);
    for (const bad of FORBIDDEN_SUBSTRINGS) expect(hostile.toLowerCase()).not.toContain(bad);
  });

  it.each([
    '1. not a list',
    '1) not a list',
    '- not a bullet',
    '+ not a bullet',
    '* not a bullet',
    '# not a heading',
    '> not a quote',
    '***',
    '---',
    '===',
    '    not code',
    'a\\b \\* c',
    '`not code`',
    '<http://example.org>',
    '&amp; &#42; &copy',
    '[not](a link)',
    '![not](an image)',
    'a_b_c *d* **e** __f__',
    '~~not struck~~',
    '| a | b |',
    '<!-- not a comment -->',
    '<div>not html</div>',
    'trailing backslash \\',
  ])('shows %j as literal text', (literal) => {
    const draft = {
      ...fixtureDraft(),
      clauses: [
        {
          id: 'y'.repeat(16),
          kind: 'operative' as const,
          number: 'OP1',
          heading: literal.trim(),
          ...PLAIN_CLAUSE_FIELDS,
          positions: [],
          blocks: [{ type: 'paragraph' as const, content: [{ text: literal, marks: [] }] }],
        },
      ],
    };
    const all = nodes(renderMarkdown(draft));
    const paragraphs = all
      .filter((n) => n.type === 'paragraph')
      .slice(1)
      .map(textOf);
    expect(paragraphs).toEqual([literal.trim()]);
    expect(all.filter((n) => n.type === 'heading').map(textOf)[1]).toBe(`OP1. ${literal.trim()}`);
    expect(all.filter((n) => !['document', 'heading', 'paragraph', 'text', 'emph'].includes(n.type))).toEqual([]);
  });

  it('ends with exactly one newline', () => {
    expect(md.endsWith('\n')).toBe(true);
    expect(md.endsWith('\n\n')).toBe(false);
  });
});

describe('renderMarkdown of a draft in negotiation', () => {
  const md = renderMarkdown(negotiationDraft());
  const all = nodes(md);
  const paragraphTexts = all.filter((n) => n.type === 'paragraph').map(textOf);
  const emphasis = all.filter((n) => n.type === 'emph').map(textOf);

  it('shows bracketed text as [text] followed by its delegation in parentheses, in italics, never as a link', () => {
    expect(md).toContain('\\[firm **commitments**\\] (*Norway*)');
    expect(paragraphTexts).toContain(
      `Recalling the [firm commitments] (Norway) of all States [and others] (${DELEGATIONS.hostile.name}) here,`,
    );
    expect(paragraphTexts).toContain('Noting [with concern] (United States) the guidance,');
    expect(emphasis).toEqual(expect.arrayContaining(['Norway', 'United States', DELEGATIONS.hostile.name]));
    expect(all.filter((n) => n.type === 'strong').map(textOf)).toEqual(['commitments']);
    expect(all.filter((n) => n.type === 'link')).toEqual([]);
  });

  it('labels the options under their headings and writes a "no text" option as No text in italics', () => {
    expect(headings(md).map(([, text]) => text)).toEqual([
      'Code of Conduct in negotiation',
      'PP1. Recalling',
      'PP2. Noting',
      'PP2alt. Noting',
      'PP2alt2',
      'Commitments',
      'OP1. Licence reviews',
    ]);
    expect(emphasis).toEqual(expect.arrayContaining(['Option 1 · Status: Open', 'Option 2', 'Option 3', 'No text']));
    const noText = md.slice(md.indexOf('### PP2alt2'), md.indexOf('## Commitments'));
    expect(noText).toBe('### PP2alt2\n\n*Option 3*\n\n*No text*\n\n');
  });

  it('gives a clause its status with the note under the heading and its positions after the body', () => {
    const op1 = md.slice(md.indexOf('### OP1'));
    expect(op1.split('\n\n')[1]).toBe(`*Status: Agreed ad ref — ${STATUS_NOTE}*`);
    const positions = emphasis.find((text) => text.startsWith('Positions: '));
    expect(positions).toBe(
      `Positions: ${DELEGATIONS.hostile.name} — can live with; Norway — reservation: “${HOSTILE_RESERVATION}”; United States — supports`,
    );
  });

  it('keeps delegation names and reservation texts inert: no HTML, no link, no code, nothing dropped', () => {
    expect(all.filter((n) => ['html_inline', 'html_block', 'code', 'code_block', 'link', 'image'].includes(n.type))).toEqual([]);
    expect(md).not.toMatch(/(?<!\\)</);
    expect(md).not.toMatch(/(?<!\\)\[link\]/);
  });
});
