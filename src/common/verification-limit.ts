import { Bilingual, fill } from './bilingual';

/**
 * The phone-digit check of one account, across every conversation: a customer who fails it
 * this many times within the window must wait out a cool-down before the bot asks again, so
 * opening new conversations gains nothing. (Within one conversation the dialogue's own limit,
 * three failures and then an agent, still applies.)
 */
export const VERIFICATION_LIMIT = {
  maxFailures: 5,
  windowMs: 30 * 60_000,
  coolDownMs: 30 * 60_000,
};

export type VerificationVerdict = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** What the customer is told while the account's check is cooling down. */
export const VERIFICATION_COOL_DOWN: Bilingual = {
  zh: '为保护账户安全，该户号的手机号验证已暂停，请 {minutes} 分钟后再试；如需立即办理，可以说“转人工”。',
  en: 'To protect this account, phone verification for it is paused: please try again in {minutes} min, or say "agent" to talk to a person now.',
};

export function coolDownText(language: 'zh' | 'en', retryAfterSeconds: number): string {
  return fill(VERIFICATION_COOL_DOWN[language], {
    minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)),
  });
}

/** Reads the Redis reply: a positive TTL (ms) is a cool-down in force. */
export function toVerificationVerdict(lockTtlMs: number): VerificationVerdict {
  return lockTtlMs > 0
    ? { allowed: false, retryAfterSeconds: Math.ceil(lockTtlMs / 1000) }
    : { allowed: true };
}
