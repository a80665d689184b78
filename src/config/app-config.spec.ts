import { loadConfig } from './app-config';

const valid = { MONGODB_URI: 'mongodb://127.0.0.1:27017/x', REDIS_URL: 'redis://127.0.0.1:6379' };

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const config = loadConfig(valid);
    expect(config.PORT).toBe(3000);
    expect(config.SOCKET_MAX_BYTES).toBe(16384);
    expect(config.MONGODB_URI).toBe(valid.MONGODB_URI);
  });

  it('names a missing variable', () => {
    expect(() => loadConfig({ REDIS_URL: valid.REDIS_URL })).toThrow(/MONGODB_URI is missing/);
  });

  it('names a malformed variable', () => {
    expect(() => loadConfig({ ...valid, PORT: 'eighty' })).toThrow(/PORT is invalid/);
    expect(() => loadConfig({ ...valid, REDIS_URL: 'localhost:6379' })).toThrow(
      /REDIS_URL is invalid/,
    );
  });

  it('takes a known IANA zone and refuses an unknown one at boot', () => {
    expect(loadConfig({ ...valid, SERVICE_TIMEZONE: 'Asia/Urumqi' }).SERVICE_TIMEZONE).toBe(
      'Asia/Urumqi',
    );
    expect(() => loadConfig({ ...valid, SERVICE_TIMEZONE: 'Asia/Nowhere' })).toThrow(
      /SERVICE_TIMEZONE is invalid: .*IANA zone/,
    );
  });

  it("validates the widget's branding", () => {
    const config = loadConfig({
      ...valid,
      WIDGET_NAME_EN: 'Binjiang Power',
      WIDGET_PRIMARY_COLOR: '#004B87',
    });
    expect(config.WIDGET_NAME_EN).toBe('Binjiang Power');
    expect(config.WIDGET_PRIMARY_COLOR).toBe('#004B87');
    expect(() => loadConfig({ ...valid, WIDGET_PRIMARY_COLOR: 'red' })).toThrow(
      /WIDGET_PRIMARY_COLOR is invalid/,
    );
    expect(() => loadConfig({ ...valid, WIDGET_NAME_ZH: '长'.repeat(41) })).toThrow(
      /WIDGET_NAME_ZH is invalid/,
    );
    expect(() => loadConfig({ ...valid, WIDGET_LOGO_TEXT: 'TOO LONG' })).toThrow(
      /WIDGET_LOGO_TEXT is invalid/,
    );
  });

  it('refuses production without its own key for personal-number references', () => {
    expect(() => loadConfig({ ...valid, NODE_ENV: 'production' })).toThrow(
      /PII_REF_SECRET is missing/,
    );
    expect(() => loadConfig({ ...valid, PII_REF_SECRET: 'short' })).toThrow(
      /PII_REF_SECRET is invalid/,
    );
    const key = 'a-production-key-of-enough-length';
    const cipherKey = 'ab'.repeat(32);
    expect(
      loadConfig({
        ...valid,
        NODE_ENV: 'production',
        PII_REF_SECRET: key,
        PII_ENCRYPTION_KEY: cipherKey,
      }).PII_REF_SECRET,
    ).toBe(key);
  });

  it('refuses production without its own key for the encrypted originals', () => {
    const ref = { PII_REF_SECRET: 'a-production-key-of-enough-length' };
    expect(() => loadConfig({ ...valid, ...ref, NODE_ENV: 'production' })).toThrow(
      /PII_ENCRYPTION_KEY is missing/,
    );
    expect(() => loadConfig({ ...valid, PII_ENCRYPTION_KEY: 'too-short' })).toThrow(
      /PII_ENCRYPTION_KEY is invalid/,
    );
    const key = 'cd'.repeat(32);
    expect(
      loadConfig({ ...valid, ...ref, NODE_ENV: 'production', PII_ENCRYPTION_KEY: key })
        .PII_ENCRYPTION_KEY,
    ).toBe(key);
  });

  it('parses numbers given as strings', () => {
    expect(loadConfig({ ...valid, PORT: '8080' }).PORT).toBe(8080);
  });
});
