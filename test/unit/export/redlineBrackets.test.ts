import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { renderRedlineDocx } from '../../../server/export/redline/renderRedlineDocx.js';
import { renderRedlineHtml } from '../../../server/export/redline/renderRedlineHtml.js';
import { renderDocx } from '../../../server/export/renderDocx.js';
import { compareDrafts } from '../../../shared/compare/compareDrafts.js';
import type { DraftText, Inline, Mark } from '../../../shared/export/DraftText.js';
import { draft } from '../compare/fixtures.js';
import { attr, byTag, elements, textOf, within, type Element } from './htmlTree.js';
import { docxHtml, docxParts, docxText } from './readers.js';

const NORWAY: Mark = { type: 'bracket', delegationId: 'delegationNorway', delegation: 'Norway' };
const US: Mark = { type: 'bracket', delegationId: 'delegation_USA00', delegation: 'United States' };
const run = (text: string, ...marks: Mark[]): Inline => ({ text, marks });

/** Rev.1: Norway's brackets around "promptly and fully" and "Subject to law". */
function before(): DraftText {
  return {
    ...draft([
      {
        id: 'op1-Licences0000',
        heading: 'Licences',
        body: [
          [run('States will review licences '), run('promptly and fully', NORWAY), run(' and report.')],
          [run('Subject to law', NORWAY), run(', they act.')],
        ],
      },
    ]),
    revision: 'Rev.1',
    date: '2025-03-01T14:05:09.000Z',
  };
}

/** Rev.2: the United States brackets "review" (words unchanged), Norway's bracket is reworded inside, the other is lifted. */
function after(): DraftText {
  return {
    ...draft([
      {
        id: 'op1-Licences0000',
        heading: 'Licences',
        body: [
          [run('States will '), run('review', US), run(' licences '), run('promptly and carefully', NORWAY), run(' and report.')],
          [run('Subject to law, they act.')],
        ],
      },
    ]),
    revision: 'Rev.2',
    date: '2025-04-02T10:30:00.000Z',
  };
}

const meta = ({ title, revision, versionLabel, date }: DraftText) => ({ title, revision, versionLabel, date });
const sides = () => ({ from: meta(before()), to: meta(after()) });
const comparison = () => compareDrafts(before(), after());

describe('redlines of brackets', () => {
  describe('HTML', () => {
    const html = renderRedlineHtml(comparison(), sides());
    const [first, second] = byTag(html, 'main')[0]!
      .childNodes.filter((c): c is Element => 'tagName' in c)
      .flatMap((s) => within(s, 'p'));

    it('shows a bracket put around unchanged words as the plain words deleted and the bracket, with its tag, inserted', () => {
      expect(within(first!, 'del').map(textOf)).toContain('review ');
      const inserted = within(first!, 'ins').find((ins) => textOf(ins).startsWith('[review]'))!;
      expect(textOf(inserted)).toBe('[review]United States');
      expect(within(inserted, 'span').map((s) => [attr(s, 'class'), textOf(s)])).toEqual([['bracket', '[review]']]);
      expect(within(inserted, 'sup').map(textOf)).toEqual(['United States']);
    });

    it('keeps one bracket with one tag around words changed inside it, the change marked inside', () => {
      const bracket = within(first!, 'span').find((s) => textOf(s).startsWith('[promptly'))!;
      expect(textOf(bracket)).toBe('[promptly and fullycarefully]');
      expect(within(bracket, 'del').map(textOf)).toEqual(['fully']);
      expect(within(bracket, 'ins').map(textOf)).toEqual(['carefully']);
      const tags = within(first!, 'sup').map(textOf);
      expect(tags).toEqual(['United States', 'Norway']);
    });

    it('shows a lifted bracket as the bracketed words and their tag deleted and the plain words inserted', () => {
      const deleted = within(second!, 'del')[0]!;
      expect(textOf(deleted)).toBe('[Subject to law]Norway');
      expect(within(deleted, 'sup').map(textOf)).toEqual(['Norway']);
      expect(within(second!, 'ins').map(textOf).join('')).toContain('Subject to law');
      expect(elements(html).filter((e) => e.tagName === 'sup' && attr(e, 'class') === 'bracket-tag')).toHaveLength(3);
    });
  });

  describe('Word', async () => {
    const bytes = await renderRedlineDocx(comparison(), sides());
    const body = async (docx: Uint8Array) =>
      (await docxHtml(docx)).replace(/^<h1 class="doc-title">[\s\S]*?<p class="version">[\s\S]*?<\/p>/, '');

    it('reads, with every change accepted, exactly as the clean export of the newer text, brackets and tags included', async () => {
      expect(await body(bytes)).toBe(await body(await renderDocx(after())));
      expect(await docxText(bytes)).toContain('States will [review]United States licences [promptly and carefully]Norway and report.');
    });

    it('reads, with every change rejected, as the older text, brackets and tags included', async () => {
      const parts = docxParts(bytes);
      const swapped = parts['word/document.xml']!.replace(
        /<(\/?)w:(ins|del)\b/g,
        (_m, close: string, kind: string) => `<${close}w:${kind === 'ins' ? 'del' : 'ins'}`,
      ).replace(
        /<w:ins ([^>]*[^/])>([\s\S]*?)<\/w:ins>/g,
        (_m, attrs: string, inner: string) => `<w:ins ${attrs}>${inner.replace(/<(\/?)w:delText/g, '<$1w:t')}</w:ins>`,
      );
      const files: Record<string, Uint8Array> = {};
      for (const [name, text] of Object.entries({ ...parts, 'word/document.xml': swapped })) files[name] = strToU8(text);
      const rejected = await docxText(zipSync(files));
      expect(rejected).toContain('States will review licences [promptly and fully]Norway and report.');
      expect(rejected).toContain('[Subject to law]Norway, they act.');
    });
  });
});
