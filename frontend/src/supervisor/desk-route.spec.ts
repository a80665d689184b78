import { parseRoute, routeHash } from './desk-route';

describe('parseRoute and routeHash', () => {
  it('reads the section and its subject from the address, and writes it back', () => {
    const cases = [
      [
        '#transcript=65a1b2c3d4e5f60718293a4b',
        { tab: 'transcript', conversationId: '65a1b2c3d4e5f60718293a4b' },
      ],
      ['#transcript', { tab: 'transcript', conversationId: '' }],
      ['#access=conversation%3A65a1', { tab: 'access', target: 'conversation:65a1' }],
      ['#access', { tab: 'access', target: '' }],
      ['#search', { tab: 'search' }],
      ['#reports', { tab: 'reports' }],
    ] as const;
    for (const [hash, route] of cases) {
      expect(parseRoute(hash)).toEqual(route);
      expect(routeHash(parseRoute(hash))).toBe(hash);
    }
  });

  it('falls back to the live board, and survives a broken escape', () => {
    expect(parseRoute('')).toEqual({ tab: 'live' });
    expect(parseRoute('#nonsense')).toEqual({ tab: 'live' });
    expect(parseRoute('#access=%E0%A4%A')).toEqual({ tab: 'access', target: '%E0%A4%A' });
  });
});
