import { describe, expect, it } from 'vitest';
import { mayHaveOlder, olderPagesUnder, withOlderPage, type OlderPages } from '../../../client/negotiation/auditPages.js';

const PAGE = 100;
const page = (from: number, length: number) => Array.from({ length }, (_, i) => from - i);
const none: OlderPages<number> = { base: null, entries: [], done: false };

describe('the audit log a page at a time', () => {
  it('offers older entries after every full page, for as many pages as there are, and stops at a short one', () => {
    const newest = page(450, PAGE);
    let older = none;
    expect(mayHaveOlder(newest, older, PAGE)).toBe(true);
    for (const [from, length] of [
      [350, PAGE],
      [250, PAGE],
      [150, PAGE],
    ] as const) {
      older = withOlderPage(older, newest, page(from, length), PAGE);
      expect(mayHaveOlder(newest, older, PAGE), `after ${older.entries.length} older entries`).toBe(true);
    }
    older = withOlderPage(older, newest, page(50, 50), PAGE);
    expect(older.entries).toHaveLength(350);
    expect(mayHaveOlder(newest, older, PAGE)).toBe(false);
  });

  it('stops when an older page comes back empty (the log held exactly full pages)', () => {
    const newest = page(100, PAGE);
    const older = withOlderPage(none, newest, [], PAGE);
    expect(mayHaveOlder(newest, older, PAGE)).toBe(false);
  });

  it('offers nothing older under a newest page that is not full, or before it loaded', () => {
    expect(mayHaveOlder(page(40, 40), none, PAGE)).toBe(false);
    expect(mayHaveOlder(null, none, PAGE)).toBe(false);
  });

  it('forgets the older pages once the newest page is loaded again', () => {
    const newest = page(450, PAGE);
    const older = withOlderPage(none, newest, page(350, PAGE), PAGE);
    expect(olderPagesUnder(older, newest, none)).toBe(older);
    const reloaded = page(451, PAGE);
    expect(olderPagesUnder(older, reloaded, none)).toBe(none);
  });
});
