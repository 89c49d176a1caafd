import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PlainCommentText } from '../../../client/comments/PlainCommentText.js';

const render = (text: string) => renderToStaticMarkup(createElement(PlainCommentText, { text }));

describe('PlainCommentText, how comment text reaches the page', () => {
  it('escapes markup instead of rendering it', () => {
    expect(render('<img src=x onerror=alert(1)> & <b>bold</b>')).toBe(
      '<p class="comment-text">&lt;img src=x onerror=alert(1)&gt; &amp; &lt;b&gt;bold&lt;/b&gt;</p>',
    );
  });

  it('keeps line breaks as text (CSS pre-wrap shows them)', () => {
    expect(render('one\n\ttwo')).toBe('<p class="comment-text">one\n\ttwo</p>');
  });

  it('links http and https addresses, opening a new tab without a handle on this page', () => {
    expect(render('See https://www.ohchr.org/en/business, then reply.')).toBe(
      '<p class="comment-text">See <a href="https://www.ohchr.org/en/business" target="_blank" rel="noopener noreferrer">https://www.ohchr.org/en/business</a>, then reply.</p>',
    );
  });

  it('leaves sentence punctuation outside the link but keeps brackets the address opened', () => {
    expect(render('(see http://example.org/a.)')).toContain('href="http://example.org/a"');
    expect(render('https://en.wikipedia.org/wiki/Wassenaar_(arrangement) is long')).toContain(
      'href="https://en.wikipedia.org/wiki/Wassenaar_(arrangement)"',
    );
  });

  it('never links other schemes, and stops an address where markup would begin', () => {
    for (const text of ['javascript:alert(1)', 'data:text/html,x', 'mailto:a@example.org', 'xhttps://example.org', 'ftp://example.org']) {
      expect(render(text), text).not.toContain('<a ');
    }
    expect(render('https://example.org/"><script>alert(1)</script>')).toBe(
      '<p class="comment-text"><a href="https://example.org/" target="_blank" rel="noopener noreferrer">https://example.org/</a>&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;</p>',
    );
  });
});
