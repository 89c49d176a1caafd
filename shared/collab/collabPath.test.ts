import { describe, expect, it } from 'vitest';
import { collabPath, parseCollabPath } from './collabPath.js';

describe('collab paths', () => {
  it('round-trips a draft id and ignores a query string', () => {
    expect(parseCollabPath(collabPath('AbCdEfGh_-123456'))).toBe('AbCdEfGh_-123456');
    expect(parseCollabPath('/collab/AbCdEfGh_-123456?x=1')).toBe('AbCdEfGh_-123456');
  });

  it.each([
    '/collab/..',
    '/collab/%2F',
    '/collab/AbCdEfGh_-12345%2F',
    '/collab/AbCdEfGh_-1234567',
    '/collab/__proto__',
    '/collab/AbCdEfGh_-123456/x',
    '/collab/',
    '/collab',
    '/other/AbCdEfGh_-123456',
    '/COLLAB/AbCdEfGh_-123456',
  ])('refuses %s', (target) => {
    expect(parseCollabPath(target)).toBeNull();
  });
});
