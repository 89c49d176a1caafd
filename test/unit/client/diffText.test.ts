import { describe, expect, it } from 'vitest';
import { diffText } from '../../../client/draft/diffText.js';

function apply(text: string, change: ReturnType<typeof diffText>): string {
  if (!change) return text;
  return text.slice(0, change.index) + change.insert + text.slice(change.index + change.deleteCount);
}

describe('diffText, which turns a heading field edit into one Yjs change', () => {
  it('finds nothing to do when the text did not change', () => {
    expect(diffText('Capacity building', 'Capacity building')).toBeNull();
  });

  it('turns a typed character into a single insert at the caret', () => {
    expect(diffText('Capacity building', 'Capacity-building')).toEqual({ index: 8, deleteCount: 1, insert: '-' });
    expect(diffText('OP', 'OP3')).toEqual({ index: 2, deleteCount: 0, insert: '3' });
  });

  it('turns a deletion or a replaced selection into one range', () => {
    expect(diffText('Sharing best practices', 'Sharing practices')).toEqual({ index: 8, deleteCount: 5, insert: '' });
    expect(diffText('Sharing best practices', 'Sharing good practices')).toEqual({ index: 8, deleteCount: 4, insert: 'good' });
  });

  it('keeps the change inside repeated letters as small as possible', () => {
    const change = diffText('aaaa', 'aaaaa');
    expect(change).toEqual({ index: 4, deleteCount: 0, insert: 'a' });
  });

  it('never splits an emoji or other surrogate pair', () => {
    const before = 'Flag 🇩🇰 here';
    const after = 'Flag 🇳🇴 here';
    const change = diffText(before, after)!;
    expect(apply(before, change)).toBe(after);
    expect(change.insert).toBe('🇳🇴');
    const inserted = diffText('a😀b', 'a😀😀b')!;
    expect(apply('a😀b', inserted)).toBe('a😀😀b');
    expect(inserted.insert.length % 2).toBe(0);
  });

  it('always produces the new text when applied to the old one', () => {
    const samples = ['', 'x', 'Human rights', 'Human rights in licence reviews', 'rights rights', '😀 rights'];
    for (const before of samples) for (const after of samples) expect(apply(before, diffText(before, after))).toBe(after);
  });
});
