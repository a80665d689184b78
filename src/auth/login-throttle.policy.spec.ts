import { delaySchedule, toVerdict, USERNAME_LIMITS } from './login-throttle.policy';

describe('delaySchedule', () => {
  it('lets the first attempts through, then doubles the wait up to its cap', () => {
    expect(
      delaySchedule({ ...USERNAME_LIMITS, free: 3, baseDelayMs: 1000, lockAfter: 10 }),
    ).toEqual([0, 0, 1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
  });

  it('has one step per attempt before the lock', () => {
    expect(delaySchedule({ ...USERNAME_LIMITS, lockAfter: 4 })).toHaveLength(4);
  });
});

describe('toVerdict', () => {
  it('reads the script reply', () => {
    expect(toVerdict([0, 2])).toEqual({ kind: 'go', attempt: 2 });
    expect(toVerdict([2, 900])).toEqual({ kind: 'wait', retryAfterMs: 900 });
    expect(toVerdict([1, 5000])).toEqual({ kind: 'locked', retryAfterMs: 5000, justNow: false });
    expect(toVerdict([3, 5000])).toEqual({ kind: 'locked', retryAfterMs: 5000, justNow: true });
  });
});
