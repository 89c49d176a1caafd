/**
 * What others changed since the last announcement, merged into one sentence for a polite live region:
 * "Norway edited OP3 and OP5; United States edited OP1; 2 new comments on PP1."
 */
export class ChangeSummary {
  private readonly edits = new Map<string, Set<string>>();
  private readonly comments = new Map<string, number>();

  /** `who` (a delegation, or a member without one) edited the clause named `clause`. */
  edited(who: string, clause: string): void {
    const clauses = this.edits.get(who) ?? new Set<string>();
    clauses.add(clause);
    this.edits.set(who, clauses);
  }

  /** A comment or reply from someone else arrived on the clause named `clause`. */
  commented(clause: string): void {
    this.comments.set(clause, (this.comments.get(clause) ?? 0) + 1);
  }

  get empty(): boolean {
    return this.edits.size === 0 && this.comments.size === 0;
  }

  /** The sentence, and the summary starts again empty. Empty string when nothing happened. */
  take(): string {
    const parts = [
      ...[...this.edits].map(([who, clauses]) => `${who} edited ${listOf([...clauses])}`),
      ...[...this.comments].map(([clause, count]) => `${count === 1 ? 'a new comment' : `${count} new comments`} on ${clause}`),
    ];
    this.edits.clear();
    this.comments.clear();
    if (parts.length === 0) return '';
    const sentence = parts.join('; ');
    return `${sentence.charAt(0).toUpperCase()}${sentence.slice(1)}.`;
  }
}

/** "OP1", "OP1 and OP3", "OP1, OP3 and OP5"; past five: "OP1, OP3, OP5 and 4 more clauses". */
function listOf(items: string[]): string {
  if (items.length > 5) return `${items.slice(0, 3).join(', ')} and ${items.length - 3} more clauses`;
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}
