import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/**
 * What each kind of personal number looks like, digit string by digit string. The tokeniser
 * (pii-number-scan.ts) decides which digits belong to one number; these decide what it is.
 */
export type PiiKind = 'resident_id' | 'bank_card' | 'account_number' | 'mobile' | 'phone';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** An 18-character resident identity number whose GB 11643 check character is right. */
export function isResidentId(value: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(value)) return false;
  const sum = ID_WEIGHTS.reduce((acc, w, i) => acc + w * Number(value[i]), 0);
  return ID_CHECK[sum % 11] === value[17].toUpperCase();
}

export function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function plausibleBirthDate(yyyymmdd: string): boolean {
  const year = Number(yyyymmdd.slice(0, 4));
  const month = Number(yyyymmdd.slice(4, 6));
  const day = Number(yyyymmdd.slice(6, 8));
  return year >= 1900 && year <= 2099 && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

/**
 * An identity number as people type it: 18 characters whether or not the check character is
 * right (a mistyped one is still someone's), or the old 15-digit form with a plausible birth date.
 */
export function looksLikeResidentId(value: string): boolean {
  if (/^\d{17}[\dXx]$/.test(value)) return true;
  return /^[1-8]\d{14}$/.test(value) && plausibleBirthDate(`19${value.slice(6, 12)}`);
}

/** Chinese mobile numbers: 11 digits from 13x to 19x, allocated or not (a leak costs more). */
export function isChineseMobile(digits: string): boolean {
  return /^1[3-9]\d{9}$/.test(digits);
}

/** The national part of a number written with its country code (`86…`, `0086…`), or undefined. */
export function chineseMobileWithCountryCode(digits: string): string | undefined {
  const national = /^(?:0086|86)(1[3-9]\d{9})$/.exec(digits)?.[1];
  return national;
}

export interface PhoneMatch {
  /** `+CC` as the mask keeps it. */
  countryCode: string;
  national: string;
}

/** A number written after `+` or `00` (country code first), if libphonenumber says it is valid. */
export function internationalPhone(digits: string): PhoneMatch | undefined {
  const e164 = digits.startsWith('00') ? digits.slice(2) : digits;
  if (e164.length < 7 || e164.length > 15) return undefined;
  const parsed = parsePhoneNumberFromString(`+${e164}`);
  if (!parsed || !parsed.isValid()) return undefined;
  return {
    countryCode: `+${parsed.countryCallingCode}`,
    national: parsed.nationalNumber,
  };
}

/** A Chinese landline with its area code (`010 1234 5678`, `0755-12345678`). */
export function isChineseLandline(digits: string): boolean {
  if (!/^0[1-9]\d{8,10}$/.test(digits)) return false;
  const parsed = parsePhoneNumberFromString(digits, 'CN');
  return parsed !== undefined && parsed.isValid();
}
