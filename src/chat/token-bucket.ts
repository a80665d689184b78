/**
 * A token bucket: `capacity` events at once, then `perSecond` on average. Per socket, for
 * admission control: a customer typing never meets it; a script flooding one socket does,
 * and gets RATE_LIMITED instead of slowing everybody else's bot replies.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(
    private readonly capacity: number,
    private readonly perSecond: number,
    now = Date.now(),
  ) {
    this.tokens = capacity;
    this.last = now;
  }

  /** Takes one token, or says in how many seconds one will be there. */
  take(now = Date.now()): { ok: true } | { ok: false; retryAfterSeconds: number } {
    this.tokens = Math.min(
      this.capacity,
      this.tokens + ((now - this.last) / 1000) * this.perSecond,
    );
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.ceil((1 - this.tokens) / this.perSecond) };
  }
}
