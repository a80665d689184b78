import { randomBytes } from 'crypto';
import { deriveCipherKey, isSealed, open, seal } from './field-cipher';

describe('field cipher (AES-256-GCM)', () => {
  const key = randomBytes(32);
  const text = '户号1000003051，手机13812345678';

  it('opens what it sealed, and the sealed form holds no digit of the original', () => {
    const sealed = seal(text, key, 'msg-1');
    expect(isSealed(sealed)).toBe(true);
    expect(sealed).not.toContain('1000003051');
    expect(sealed).not.toContain('13812345678');
    expect(open(sealed, key, 'msg-1')).toBe(text);
  });

  it('seals the same text differently each time (a fresh IV)', () => {
    expect(seal(text, key, 'msg-1')).not.toBe(seal(text, key, 'msg-1'));
  });

  it('refuses another key, another record and an altered ciphertext', () => {
    const sealed = seal(text, key, 'msg-1');
    expect(() => open(sealed, randomBytes(32), 'msg-1')).toThrow();
    expect(() => open(sealed, key, 'msg-2')).toThrow();
    const [v, iv, tag, body] = sealed.split('.');
    const flipped = Buffer.from(body, 'base64url');
    flipped[0] ^= 1;
    expect(() =>
      open([v, iv, tag, flipped.toString('base64url')].join('.'), key, 'msg-1'),
    ).toThrow();
  });

  it('refuses what is not a sealed value', () => {
    expect(isSealed(text)).toBe(false);
    expect(() => open(text, key, 'msg-1')).toThrow(/not a sealed value/);
  });

  it('derives one 32-byte key per secret and purpose, and refuses a short secret', () => {
    const secret = 'a-secret-of-at-least-thirty-two-characters';
    expect(deriveCipherKey(secret, 'originals')).toHaveLength(32);
    expect(deriveCipherKey(secret, 'originals')).toEqual(deriveCipherKey(secret, 'originals'));
    expect(deriveCipherKey(secret, 'originals')).not.toEqual(deriveCipherKey(secret, 'other'));
    expect(() => deriveCipherKey('short', 'originals')).toThrow(/at least 32/);
  });
});
