import { TokenBucket } from './token-bucket';

describe(TokenBucket.name, () => {
  it('lets a burst of `capacity` through, then refuses with the wait', () => {
    const bucket = new TokenBucket(3, 0.5, 0);
    expect([bucket.take(0), bucket.take(0), bucket.take(0)].every((r) => r.ok)).toBe(true);
    expect(bucket.take(0)).toEqual({ ok: false, retryAfterSeconds: 2 });
  });

  it('refills at its rate, never above its capacity', () => {
    const bucket = new TokenBucket(2, 1, 0);
    bucket.take(0);
    bucket.take(0);
    expect(bucket.take(500).ok).toBe(false);
    expect(bucket.take(1500).ok).toBe(true);
    // An hour idle still allows only `capacity` at once.
    const results = [1, 2, 3].map(() => bucket.take(3_600_000).ok);
    expect(results).toEqual([true, true, false]);
  });
});
