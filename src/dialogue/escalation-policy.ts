/** Every reason the bot hands a conversation to people: decided here and nowhere else. */
export const ESCALATION_REASONS = [
  'customer_request',
  'safety_hazard',
  'complaint',
  'not_understood',
  'verification_failed',
  'frustration',
  'person_must_decide',
] as const;
export type EscalationReason = (typeof ESCALATION_REASONS)[number];

export interface EscalationSignals {
  intent: string;
  /** Bot turns in a row, including this one, that did not understand. */
  misunderstood: number;
  verificationFailures: number;
  /** The customer sent the same text again. */
  repeated: boolean;
  /** Angry or despairing wording. */
  negative: boolean;
  /** The answer needs a person's decision (e.g. payment arrangements). */
  needsPerson: boolean;
  /** Legal action, the press, the regulator: a complaint for a person, whatever the intent. */
  threat?: boolean;
  /** The customer says it is a complaint ("投诉", "complain"), not only that they are fed up. */
  explicitComplaint?: boolean;
  /** The bot had already failed this customer (a miss, a rejected answer) before this message. */
  missedBefore?: boolean;
}

export const MAX_VERIFICATION_FAILURES = 3;
export const MAX_MISUNDERSTOOD = 2;

const NEGATIVE = [
  /垃圾|废物|气死|烦死|太差|没用|什么破|搞什么|受不了|无语/,
  /\b(useless|stupid|ridiculous|terrible|awful|pathetic|worst|fed up|sick of)\b/i,
  /[!！]{3,}/,
];

export function soundsNegative(text: string): boolean {
  return NEGATIVE.some((re) => re.test(text));
}

/** The escalation policy, in the order that matters: safety first, then the customer's wish. */
export function escalationFor(s: EscalationSignals): EscalationReason | undefined {
  if (s.intent === 'safety.hazard') return 'safety_hazard';
  if (s.intent === 'agent.request') return 'customer_request';
  if (s.intent === 'service.complaint' || s.threat) {
    // Angry words after the bot failed, with no complaint about anyone: the bot is the problem.
    const fedUp = s.negative && (s.missedBefore || s.repeated);
    return fedUp && !s.threat && !s.explicitComplaint ? 'frustration' : 'complaint';
  }
  if (s.verificationFailures >= MAX_VERIFICATION_FAILURES) return 'verification_failed';
  // Failing again while the customer says they are fed up is frustration, not a plain miss.
  if (s.repeated && s.negative) return 'frustration';
  if (s.negative && s.misunderstood > 0) return 'frustration';
  if (s.misunderstood >= MAX_MISUNDERSTOOD) return 'not_understood';
  if (s.needsPerson) return 'person_must_decide';
  return undefined;
}
