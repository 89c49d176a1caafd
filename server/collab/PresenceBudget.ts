/**
 * A token bucket of presence bytes per member (of one room): `take` spends a state's size when the member
 * has it, else says how long until they will.
 */
export class PresenceBudget {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  /**
   * @param bytesPerSecond sustained rate
   * @param burstBytes bucket size
   * @param now clock in milliseconds @default performance.now
   */
  constructor(
    private readonly bytesPerSecond: number,
    private readonly burstBytes: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Spends `bytes` of the member's budget and returns 0, or returns the milliseconds until it could. */
  take(member: string, bytes: number): number {
    const now = this.now();
    const bucket = this.buckets.get(member) ?? { tokens: this.burstBytes, at: now };
    bucket.tokens = Math.min(this.burstBytes, bucket.tokens + ((now - bucket.at) * this.bytesPerSecond) / 1000);
    bucket.at = now;
    this.buckets.set(member, bucket);
    const cost = Math.min(bytes, this.burstBytes);
    if (bucket.tokens >= cost) {
      bucket.tokens -= cost;
      return 0;
    }
    return ((cost - bucket.tokens) * 1000) / this.bytesPerSecond;
  }
}
