import { escalationFor, EscalationSignals, soundsNegative } from './escalation-policy';

const calm: EscalationSignals = {
  intent: 'billing.balance',
  misunderstood: 0,
  verificationFailures: 0,
  repeated: false,
  negative: false,
  needsPerson: false,
};

describe('escalationFor', () => {
  it('lets a calm, understood customer stay with the bot', () => {
    expect(escalationFor(calm)).toBeUndefined();
  });

  it.each([
    [{ intent: 'safety.hazard', verificationFailures: 3 }, 'safety_hazard'],
    [{ intent: 'agent.request' }, 'customer_request'],
    [{ intent: 'service.complaint' }, 'complaint'],
    [{ verificationFailures: 3 }, 'verification_failed'],
    [{ intent: 'oos', misunderstood: 2 }, 'not_understood'],
    [{ repeated: true, negative: true }, 'frustration'],
    [{ negative: true, misunderstood: 1 }, 'frustration'],
    [{ needsPerson: true }, 'person_must_decide'],
    [{ intent: 'billing.balance', threat: true }, 'complaint'],
    [{ intent: 'service.complaint', negative: true, missedBefore: true }, 'frustration'],
    [
      { intent: 'service.complaint', negative: true, missedBefore: true, explicitComplaint: true },
      'complaint',
    ],
    [{ intent: 'service.complaint', negative: true }, 'complaint'],
  ] as [Partial<EscalationSignals>, string][])('%j escalates as %s', (signals, reason) => {
    expect(escalationFor({ ...calm, ...signals })).toBe(reason);
  });

  it('does not escalate on one misunderstanding or two failed verifications', () => {
    expect(escalationFor({ ...calm, intent: 'oos', misunderstood: 1 })).toBeUndefined();
    expect(escalationFor({ ...calm, verificationFailures: 2 })).toBeUndefined();
  });
});

describe('soundsNegative', () => {
  it('hears anger in both languages', () => {
    expect(soundsNegative('你们这个机器人真是垃圾')).toBe(true);
    expect(soundsNegative('this bot is useless')).toBe(true);
    expect(soundsNegative('还没来电！！！')).toBe(true);
    expect(soundsNegative('谢谢你')).toBe(false);
  });
});
