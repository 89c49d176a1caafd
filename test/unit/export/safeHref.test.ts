import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText } from '../../../shared/export/cleanText.js';
import { safeHref } from '../../../shared/export/safeHref.js';

describe('safeHref', () => {
  it.each([
    ['https://example.org/a b', 'https://example.org/a%20b'],
    ['HTTP://Example.ORG', 'http://example.org/'],
    ['mailto:secretariat@example.org', 'mailto:secretariat@example.org'],
    ['mailto:a b"<x>@example.org', 'mailto:a%20b%22%3Cx%3E@example.org'],
    ["https://example.org/it's", 'https://example.org/it%27s'],
  ])('keeps %j as %j', (raw, expected) => {
    expect(safeHref(raw)).toBe(expected);
  });

  it.each([
    'javascript:alert(1)',
    'JAVASCRIPT:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'ftp://example.org/',
    '//example.org/x',
    '/relative',
    'relative',
    '#anchor',
    '',
    'https://',
  ])('drops %j', (raw) => {
    expect(safeHref(raw)).toBeNull();
  });

  it('drops hrefs that are not strings or are longer than 2048 characters', () => {
    expect(safeHref(42)).toBeNull();
    expect(safeHref({ href: 'https://example.org' })).toBeNull();
    expect(safeHref(`https://example.org/${'a'.repeat(2048)}`)).toBeNull();
  });
});

describe('cleanText', () => {
  it('removes control characters, turns line breaks and tabs into spaces and composes accents', () => {
    expect(cleanText('a\u0000b\u0007c\u009Fd\uFFFE')).toBe('abcd');
    expect(cleanText('one\ntwo\tthree\r\nfour\u2028five')).toBe('one two three  four five');
    expect(cleanText('Co\u0302te')).toBe('Côte');
    expect(cleanText('lone \uD800 surrogate')).toBe('lone \uFFFD surrogate');
  });

  it('keeps Greek, Cyrillic and right-to-left text as it is', () => {
    expect(cleanText('Ελλάδα Україна العربية')).toBe('Ελλάδα Україна العربية');
  });

  it('makes one trimmed line of a heading', () => {
    expect(cleanLine('  Title\n\twith   gaps  ')).toBe('Title with gaps');
  });
});
