import { EntityExtractor } from './entity-extractor';
import { extractSlots, restHasContent, SlotContext } from './slot-extractor';

const entities = new EntityExtractor();
const slots = (text: string, context: SlotContext = {}) =>
  extractSlots(text, entities.extract(text, new Date('2026-12-01T00:00:00Z')), context);

describe('extractSlots', () => {
  it.each([
    ['户号1000003051，手机尾号9012', '1000003051', '9012'],
    ['手机尾号是9012，户号1000003051', '1000003051', '9012'],
    ['account 1000004067, last four 4321', '1000004067', '4321'],
    ['my account no. is 1000004067 and my phone ends in 4321', '1000004067', '4321'],
    ['last 4 digits of my mobile: 4321, acct 1000004067', '1000004067', '4321'],
    ['户号：1000003051 尾号：9012', '1000003051', '9012'],
    ['acct 1000004067 last 4 digts 4321', '1000004067', '4321'],
    ['acct 1000004067 las four 4321', '1000004067', '4321'],
    ['1000004067 phone 4321', '1000004067', '4321'],
  ])('takes the account and the last four from "%s"', (text, account, last4) => {
    const s = slots(text);
    expect(s.accountNumber).toBe(account);
    expect(s.phoneLast4).toBe(last4);
    expect(restHasContent(s.rest)).toBe(false);
  });

  it('reads bare digits as the last four only while they are awaited', () => {
    expect(slots('4321').phoneLast4).toBeUndefined();
    expect(slots('4321', { awaitingLast4: true }).phoneLast4).toBe('4321');
    expect(slots('hmm 2222?', { awaitingLast4: true }).phoneLast4).toBe('2222');
  });

  it('takes four bare digits beside an account number as its last four', () => {
    expect(slots('1000003051 9012')).toMatchObject({
      accountNumber: '1000003051',
      phoneLast4: '9012',
    });
    expect(slots('9012, 1000003051')).toMatchObject({ phoneLast4: '9012' });
    expect(slots('1000003051 2026年3月的账单').phoneLast4).toBeUndefined();
    expect(slots('how much was my bill 2 months ago? 1000004067 4321')).toMatchObject({
      accountNumber: '1000004067',
      phoneLast4: '4321',
    });
    expect(slots('explain last mth bill pls 1000004067 4321').phoneLast4).toBe('4321');
    expect(slots('I paid 1000004067 2000 yuan').phoneLast4).toBeUndefined();
    expect(slots('1000004067/4321 bill for oct').phoneLast4).toBe('4321');
    expect(slots('1000004067 2026年3月的账单').phoneLast4).toBeUndefined();
  });

  it('never takes an amount, a year or a mobile number as the last four', () => {
    expect(slots('I paid 2000 yuan', { awaitingLast4: true }).phoneLast4).toBeUndefined();
    expect(slots('新号码是13912345678', { awaitingLast4: true })).toMatchObject({
      phone: '13912345678',
    });
    expect(slots('新号码是13912345678', { awaitingLast4: true }).phoneLast4).toBeUndefined();
  });

  it('tells a mistyped account number from a valid one', () => {
    expect(slots('account 1000001015')).toMatchObject({ badAccountNumber: '1000001015' });
    expect(slots('account 1000001015').accountNumber).toBeUndefined();
  });

  it('reads a choice from a list', () => {
    expect(slots('the second one', { awaitingChoice: true }).choice).toBe(2);
    expect(slots('第一个', { awaitingChoice: true }).choice).toBe(1);
    expect(slots('3', { awaitingChoice: true }).choice).toBe(3);
  });

  it('takes a district as a detail: alone it asks for nothing', () => {
    expect(slots('高新区')).toMatchObject({ district: 'QH-GX' });
    expect(restHasContent(slots('高新区').rest)).toBe(false);
    expect(restHasContent(slots('西山区最近有计划停电吗').rest)).toBe(true);
  });

  it('leaves the request once the details are out', () => {
    const s = slots('户号1000001014，我家停电了');
    expect(s.rest).toMatch(/我家停电了/);
    expect(restHasContent(s.rest)).toBe(true);
    expect(restHasContent(slots('my account is 1000001014').rest)).toBe(false);
  });

  it('takes the label with the account number, so the rest is the request alone', () => {
    expect(slots('actually never mind, what about my outage? account 1000001014').rest).toBe(
      'actually never mind, what about my outage?',
    );
    expect(slots('查欠费 户号1000-0030-51')).toMatchObject({
      accountNumber: '1000003051',
      rest: '查欠费',
    });
    expect(slots('my acct: 1000004067 bill pls').rest).toBe('my bill pls');
  });
});
