import { hashPassword, verifyPassword } from './password';

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', () => {
    const stored = hashPassword('demo-pass');
    expect(verifyPassword('demo-pass', stored)).toBe(true);
    expect(verifyPassword('demo-pasS', stored)).toBe(false);
  });

  it('salts: the same password hashes differently', () => {
    expect(hashPassword('x')).not.toBe(hashPassword('x'));
  });

  it('refuses a malformed stored hash', () => {
    expect(verifyPassword('x', 'garbage')).toBe(false);
  });
});
