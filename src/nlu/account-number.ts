/**
 * Our account numbers: 10 digits, the last a Luhn check digit over the first nine. A typo in one
 * digit or a swap of two neighbours fails the check, so the bot asks again instead of looking up
 * a stranger's account.
 */
export const ACCOUNT_NUMBER_LENGTH = 10;

export function luhnCheckDigit(body: string): number {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let d = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidAccountNumber(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  return luhnCheckDigit(digits.slice(0, -1)) === Number(digits[digits.length - 1]);
}
