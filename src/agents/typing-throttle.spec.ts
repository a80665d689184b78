import { TypingThrottle } from './typing-throttle';

describe(TypingThrottle.name, () => {
  it('checks the first event of a ticket', () => {
    expect(new TypingThrottle(2500).verdict('t1', true, 0)).toBe('check');
  });

  it('lets a repeat inside the window through without a check, as the check allowed it', () => {
    const throttle = new TypingThrottle(2500);
    throttle.checked('t1', true, 0, true);
    expect(throttle.verdict('t1', true, 2499)).toBe('repeat-allowed');
  });

  it('refuses a repeat inside the window that the check refused', () => {
    const throttle = new TypingThrottle(2500);
    throttle.checked('t1', true, 0, false);
    expect(throttle.verdict('t1', true, 100)).toBe('repeat-refused');
  });

  it('checks again after the window, on a change of state, and for another ticket', () => {
    const throttle = new TypingThrottle(2500);
    throttle.checked('t1', true, 0, true);
    expect(throttle.verdict('t1', true, 2500)).toBe('check');
    expect(throttle.verdict('t1', false, 10)).toBe('check');
    expect(throttle.verdict('t2', true, 10)).toBe('check');
  });

  it('forgets the oldest tickets beyond twenty', () => {
    const throttle = new TypingThrottle(2500);
    for (let i = 0; i <= 20; i++) throttle.checked(`t${i}`, true, 0, true);
    expect(throttle.verdict('t0', true, 1)).toBe('check');
    expect(throttle.verdict('t20', true, 1)).toBe('repeat-allowed');
  });
});
