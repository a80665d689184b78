import { addressKey, clientAddress } from './client-address';

describe(clientAddress.name, () => {
  it('ignores X-Forwarded-For when no proxy is trusted', () => {
    expect(clientAddress('10.0.0.5', '203.0.113.7', 0)).toBe('10.0.0.5');
  });

  it('takes the address the trusted proxy saw, not what the client claims before it', () => {
    // The client sent "1.2.3.4" itself; the proxy appended the address it really saw.
    expect(clientAddress('10.0.0.5', '1.2.3.4, 203.0.113.7', 1)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.5', '1.2.3.4, 203.0.113.7', 2)).toBe('1.2.3.4');
  });

  it('falls back to the peer when the header is missing, and stops at a malformed entry', () => {
    expect(clientAddress('10.0.0.5', undefined, 1)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', 'evil, 203.0.113.7', 2)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.5', ['198.51.100.1', '203.0.113.7'], 1)).toBe('203.0.113.7');
  });

  it('unwraps IPv4-mapped IPv6 peers', () => {
    expect(clientAddress('::ffff:127.0.0.1', undefined, 0)).toBe('127.0.0.1');
  });
});

describe(addressKey.name, () => {
  it('keeps IPv4 addresses and groups IPv6 ones by their /64', () => {
    expect(addressKey('203.0.113.7')).toBe('203.0.113.7');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8:1:2:bbbb:cccc:dddd:eeee')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});
