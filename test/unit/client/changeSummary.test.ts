import { describe, expect, it } from 'vitest';
import { ChangeSummary } from '../../../client/draft/changeSummary.js';

describe('ChangeSummary: what others changed, in one sentence', () => {
  it('merges edits per delegation and counts new comments per clause', () => {
    const summary = new ChangeSummary();
    summary.edited('Norway', 'OP3');
    summary.edited('Norway', 'OP5');
    summary.edited('Norway', 'OP3');
    summary.edited('United States', 'OP1');
    summary.commented('PP1');
    summary.commented('PP1');
    summary.commented('OP2');
    expect(summary.take()).toBe('Norway edited OP3 and OP5; United States edited OP1; 2 new comments on PP1; a new comment on OP2.');
  });

  it('starts again empty after each sentence, and says nothing when nothing happened', () => {
    const summary = new ChangeSummary();
    expect(summary.take()).toBe('');
    summary.commented('OP4');
    expect(summary.take()).toBe('A new comment on OP4.');
    expect(summary.empty).toBe(true);
  });

  it('shortens a long list of clauses', () => {
    const summary = new ChangeSummary();
    for (const clause of ['OP1', 'OP2', 'OP3', 'OP4', 'OP5', 'OP6', 'OP7']) summary.edited('Denmark', clause);
    expect(summary.take()).toBe('Denmark edited OP1, OP2, OP3 and 4 more clauses.');
  });
});
