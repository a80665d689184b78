import { coolDownText, toVerificationVerdict } from './verification-limit';

describe('verification limit', () => {
  it('reads a cool-down in force, and its absence', () => {
    expect(toVerificationVerdict(-2)).toEqual({ allowed: true });
    expect(toVerificationVerdict(0)).toEqual({ allowed: true });
    expect(toVerificationVerdict(90_500)).toEqual({ allowed: false, retryAfterSeconds: 91 });
  });

  it('tells the customer how long to wait, in both languages, rounding up to a minute', () => {
    expect(coolDownText('zh', 91)).toContain('请 2 分钟后再试');
    expect(coolDownText('en', 1800)).toContain('try again in 30 min');
    expect(coolDownText('en', 5)).toContain('in 1 min,');
  });
});
