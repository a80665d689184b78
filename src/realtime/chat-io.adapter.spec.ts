import { originAllowed } from './chat-io.adapter';

const request = (headers: Record<string, string>) => ({ headers });

describe('originAllowed', () => {
  const allowed = ['https://www.binjiang-power.example'];

  it('lets the page itself and the configured sites in', () => {
    expect(
      originAllowed(request({ origin: 'http://desk.local:3000', host: 'desk.local:3000' }), []),
    ).toBe(true);
    expect(originAllowed(request({ origin: allowed[0], host: 'desk.local:3000' }), allowed)).toBe(
      true,
    );
  });

  it('refuses any other site, a look-alike and an opaque origin', () => {
    expect(
      originAllowed(request({ origin: 'https://evil.example', host: 'desk.local' }), allowed),
    ).toBe(false);
    expect(
      originAllowed(
        request({ origin: 'https://www.binjiang-power.example.evil.example', host: 'desk.local' }),
        allowed,
      ),
    ).toBe(false);
    expect(originAllowed(request({ origin: 'null', host: 'desk.local' }), allowed)).toBe(false);
    expect(
      originAllowed(request({ origin: 'http://desk.local:4000', host: 'desk.local:3000' }), []),
    ).toBe(false);
  });

  it('lets a client without an Origin (no browser page) in', () => {
    expect(originAllowed(request({ host: 'desk.local' }), [])).toBe(true);
  });
});
