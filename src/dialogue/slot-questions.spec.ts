import { slotQuestion } from './slot-questions';

describe(slotQuestion.name, () => {
  it.each([
    ['why do you need my phone number??', 'phoneLast4'],
    ['为什么要我手机号？', 'phoneLast4'],
    ['why?', 'phoneLast4'],
    ['干嘛要户号', 'account'],
    ['why do you need my account number', 'account'],
  ] as const)('reads "%s" as asking why the bot wants the %s', (text, slot) => {
    expect(slotQuestion(text, slot)).toBe('why_asked');
  });

  it.each([
    'which number? the one on the bill?',
    'where do I find it?',
    '户号在哪看啊？',
    '不记得户号了',
  ])('reads "%s" as not knowing where the account number is', (text) => {
    expect(slotQuestion(text, 'account')).toBe('find_account');
  });

  it('reads "which phone?" while the digits are awaited', () => {
    expect(slotQuestion('which phone? I changed my number', 'phoneLast4')).toBe('which_phone');
  });

  it('leaves a new question about something else to the classifier', () => {
    expect(slotQuestion('why is my bill so high this month', 'phoneLast4')).toBeUndefined();
    expect(slotQuestion('why is there no power in my street', 'account')).toBeUndefined();
    expect(slotQuestion('why?', 'confirm')).toBeUndefined();
  });
});
