import { familyReading } from './family-reading';

describe(familyReading.name, () => {
  it('reads an outage question split between two outage intents as the best of them', () => {
    const top = [
      { intent: 'outage.status', confidence: 0.55 },
      { intent: 'outage.report', confidence: 0.43 },
    ];
    expect(familyReading(top, '是不是只有我家停电啊？')).toEqual({
      intent: 'outage.status',
      confidence: 0.98,
    });
  });

  it('needs the family to hold most of the probability', () => {
    const top = [
      { intent: 'outage.status', confidence: 0.5 },
      { intent: 'outage.planned', confidence: 0.2 },
    ];
    expect(familyReading(top, 'what about my outage')).toBeUndefined();
  });

  it('needs the words of the family in the text', () => {
    const top = [
      { intent: 'outage.status', confidence: 0.6 },
      { intent: 'outage.report', confidence: 0.35 },
    ];
    expect(familyReading(top, 'hmm is it just me?')).toBeUndefined();
  });

  it('never joins intents of different families, nor families not listed', () => {
    expect(
      familyReading(
        [
          { intent: 'outage.status', confidence: 0.5 },
          { intent: 'billing.balance', confidence: 0.45 },
        ],
        '停电了欠费吗',
      ),
    ).toBeUndefined();
    expect(
      familyReading(
        [
          { intent: 'billing.balance', confidence: 0.5 },
          { intent: 'billing.arrangement', confidence: 0.45 },
        ],
        'my bill, can I pay later',
      ),
    ).toBeUndefined();
  });
});
