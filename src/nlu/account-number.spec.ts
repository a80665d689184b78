import { isValidAccountNumber, luhnCheckDigit } from './account-number';

describe('account numbers', () => {
  it('computes the Luhn check digit', () => {
    expect(luhnCheckDigit('800123456')).toBe(9);
    expect(luhnCheckDigit('900000001')).toBe(9);
  });

  it('accepts only 10 digits with a valid check digit', () => {
    expect(isValidAccountNumber('8001234569')).toBe(true);
    expect(isValidAccountNumber('8001234567')).toBe(false);
    expect(isValidAccountNumber('800123456')).toBe(false);
    expect(isValidAccountNumber('80012345690')).toBe(false);
  });

  it('catches a swap of two neighbouring digits', () => {
    expect(isValidAccountNumber('8010234569')).toBe(false);
  });
});
