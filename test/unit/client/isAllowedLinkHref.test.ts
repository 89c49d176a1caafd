import { describe, expect, it } from 'vitest';
import { isAllowedLinkHref } from '../../../client/editor/isAllowedLinkHref.js';

describe('isAllowedLinkHref, the rule for links in clause text', () => {
  it('accepts absolute http, https and mailto addresses', () => {
    expect(isAllowedLinkHref('https://www.ohchr.org/en/business')).toBe(true);
    expect(isAllowedLinkHref('http://example.org')).toBe(true);
    expect(isAllowedLinkHref('mailto:secretariat@example.org')).toBe(true);
    expect(isAllowedLinkHref('  HTTPS://EXAMPLE.ORG  ')).toBe(true);
  });

  it('refuses script, data, file and other schemes however they are disguised', () => {
    for (const href of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      ' javascript:alert(1)',
      'java\nscript:alert(1)',
      'java\tscript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'vbscript:x',
      'ftp://example.org',
      'tel:+4512345678',
    ]) {
      expect(isAllowedLinkHref(href), href).toBe(false);
    }
  });

  it('refuses relative and malformed addresses', () => {
    for (const href of ['/drafts', 'www.example.org', '//evil.example', '', 'https//missing-colon', 'http://']) {
      expect(isAllowedLinkHref(href), href).toBe(false);
    }
  });
});
