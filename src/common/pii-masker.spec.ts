import {
  isResidentId,
  maskPii,
  passesLuhn,
  maskNumber,
  maskPiiDeep,
  maskVerificationAnswer,
  personalRef,
} from './pii-masker';

describe('maskPii', () => {
  it('masks a resident identity number, whether or not its check character is right', () => {
    expect(isResidentId('11010519491231002X')).toBe(true);
    expect(isResidentId('110105194912310021')).toBe(false);
    expect(maskPii('身份证11010519491231002X').text).toBe('身份证**************002X');
    expect(maskPii('号码 110105194912310021').text).toBe('号码 **************0021');
    expect(maskPii('身份证 110105 19491231 002x').text).toBe('身份证 **************002X');
    expect(maskPii('ID 1101 0519 4912 3100 2X.').text).toBe('ID **************002X.');
    expect(maskPii('2x faster, 3X zoom')).toEqual({ text: '2x faster, 3X zoom', found: [] });
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
    expect(maskPii('电话＋８６　１３８　１２３４　５６７８').text).toBe('电话+86 138****5678');
  });
});

describe('maskPii reads numbers on their own boundaries', () => {
  it('masks a mobile with its country code, spaced or not, and never lets the 86 through', () => {
    for (const typed of [
      '+86 138 1234 5678',
      '+8613812345678',
      '+86-138-1234-5678',
      '0086 13812345678',
      '008613812345678',
      '(+86) 138 1234 5678',
    ]) {
      expect(maskPii(`call ${typed} pls`).text).toBe('call +86 138****5678 pls');
    }
  });

  it('masks international numbers that libphonenumber knows, and a landline with its area code', () => {
    expect(maskPii('UK: +44 20 7946 0958').text).toBe('UK: +44 ******0958');
    expect(maskPii('US +1 415-555-0132.').text).toBe('US +1 ******0132.');
    expect(maskPii('座机010-62345678')).toEqual({ text: '座机*******5678', found: ['phone'] });
  });

  it('masks every 10-digit account number, check digit right or not, and keeps the year after it', () => {
    expect(maskPii('户号 1000003051 2026年10月').text).toBe('户号 10******51 2026年10月');
    expect(maskPii('户号1000003052的账单').text).toBe('户号10******52的账单');
    expect(maskPii('户号 10 0000 3051').text).toBe('户号 10******51');
    expect(maskPii('acct 1000-0030-51').text).toBe('acct 10******51');
  });

  it('never masks a reference, a date with a sequence, an ObjectId or a decimal', () => {
    for (const text of [
      '停电编号 OUT-20261201-01 还没恢复',
      '20261201-01 那次停电',
      'request SR261201-004512',
      'ticket 6750a1c2e4b0f3a9d1234567',
      'pi is 3.1415926535',
      '记录于 20261201143000',
    ]) {
      expect(maskPii(text)).toEqual({ text, found: [] });
    }
  });

  it('masks both numbers when two are given one after the other', () => {
    expect(maskPii('1000003051 13812345678').text).toBe('10******51 138****5678');
  });
});

describe('maskVerificationAnswer', () => {
  it('masks the digits of an answer to the phone check, and what maskPii masks', () => {
    expect(maskVerificationAnswer('是 5678 吧')).toEqual({ text: '是 **** 吧', found: ['mobile'] });
    expect(maskVerificationAnswer('last four ５６７８').text).toBe('last four ****');
    expect(maskVerificationAnswer('户号1000003051，尾号5678').text).toBe(
      '户号10******51，尾号****',
    );
  });

  it('leaves an answer without digits as it was', () => {
    expect(maskVerificationAnswer('不记得了')).toEqual({ text: '不记得了', found: [] });
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
