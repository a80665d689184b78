import { smsKeyword, splitSms } from './sms-text';

describe('splitSms', () => {
  it('keeps a short text whole', () => {
    expect(splitSms('您的电费已缴清')).toEqual(['您的电费已缴清']);
    expect(splitSms('a'.repeat(160))).toEqual(['a'.repeat(160)]);
  });

  it('cuts Chinese at 67 characters a part, labels included, and loses nothing', () => {
    const text = '停电抢修'.repeat(50);
    const parts = splitSms(text);
    expect(parts.length).toBe(4);
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(67);
    expect(parts.map((p) => p.replace(/ \(\d+\/\d+\)$/, '')).join('')).toBe(text);
    expect(parts[3]).toMatch(/\(4\/4\)$/);
  });

  it('cuts English at 153 a part and never inside an emoji', () => {
    const text = `${'power back soon '.repeat(15)}⚡⚡`;
    const parts = splitSms(text);
    for (const p of parts) expect([...p].length).toBeLessThanOrEqual(153);
    expect(parts.join('')).not.toMatch(/\uFFFD/);
  });
});

describe('smsKeyword', () => {
  it.each(['TD', 'td', '退订', ' STOP ', 'unsubscribe'])('hears %s as an opt-out', (t) => {
    expect(smsKeyword(t)).toBe('stop');
  });
  it.each(['START', '订阅'])('hears %s as an opt-in', (t) => expect(smsKeyword(t)).toBe('start'));
  it.each(['stop sending me bills? no, my power is out', '退订怎么弄', 'td 1000001014'])(
    'does not take a sentence for a keyword: %s',
    (t) => expect(smsKeyword(t)).toBeNull(),
  );
});
