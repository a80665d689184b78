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

  it('parses numbers given as strings', () => {
    expect(loadConfig({ ...valid, PORT: '8080' }).PORT).toBe(8080);
  });
});
