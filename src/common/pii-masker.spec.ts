import {
  isResidentId,
  maskPii,
  passesLuhn,
  maskNumber,
  maskPiiDeep,
  personalRef,
} from './pii-masker';

describe('maskPii', () => {
  it('masks a resident identity number with a valid check digit, and only then', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(maskPii('身份证11010519491231002X').text).toBe('身份证**************002X');
    expect(maskPii('号码 110105194912310021').text).toBe('号码 110105194912310021');
  });

  it('masks a bank card number that passes Luhn, with spaces or not', () => {
    expect(passesLuhn('6222020200112233445')).toBe(false);
    expect(maskPii('card 4111 1111 1111 1111 please').text).toBe('card ************1111 please');
    expect(maskPii('卡号6217000010001234569')).toEqual({
      text: expect.stringMatching(/^卡号\*+4569$/),
      found: ['bank_card'],
    });
  });

  it('masks mobile numbers and account numbers', () => {
    expect(maskPii('我的手机13812345678').text).toBe('我的手机138****5678');
    expect(maskPii('户号1000001014').text).toBe('户号10******14');
  });

  it('leaves dates, amounts, kWh and short numbers alone', () => {
    const text = '2026-03-05 用了 356 kWh，电费 123.45 元，验证码 1234';
    expect(maskPii(text)).toEqual({ text, found: [] });
  });

  it('masks full-width digits too', () => {
    expect(maskPii('１３８１２３４５６７８').text).toBe('138****5678');
  });
});

describe('masking cards, entity values and references', () => {
  it('masks every string inside a card and keeps numbers and structure', () => {
    const card = {
      type: 'bill',
      data: {
        balance: {
          accountNumber: '1000004067',
          totalDueFen: 1234,
          bills: [{ note: 'call 13812345678' }],
        },
      },
    };
    expect(maskPiiDeep(card)).toEqual({
      type: 'bill',
      data: {
        balance: {
          accountNumber: '10******67',
          totalDueFen: 1234,
          bills: [{ note: 'call 138****5678' }],
        },
      },
    });
  });

  it('shows only the last digits of an account or phone value', () => {
    expect(maskNumber('1000004067')).toBe('10******67');
    expect(maskNumber('13812345678')).toBe('138****5678');
    expect(maskNumber('447700900123')).toBe('********0123');
  });

  it('gives one number always the same reference, and two numbers different ones', () => {
    const key = 'a-test-key-of-some-length';
    expect(personalRef('1000004067', key)).toBe(personalRef('1000004067', key));
    expect(personalRef('1000004067', key)).not.toBe(personalRef('1000001014', key));
    expect(personalRef('1000004067', key)).toMatch(/^[0-9a-f]{24}$/);
    // Without the key, the reference cannot be recomputed from a guessed number.
    expect(personalRef('1000004067', key)).not.toBe(
      personalRef('1000004067', 'another-key-entirely'),
    );
  });
});
