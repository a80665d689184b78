import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { AppConfig, loadConfig } from './app-config';

interface ComposeFile {
  services: Record<
    string,
    { environment?: Record<string, string>; command?: string[]; depends_on?: object }
  >;
}

// No Docker engine runs here, so the compose file is held true to the app's configuration by test.
describe('docker-compose.yml', () => {
  const compose = parse(
    readFileSync(join(__dirname, '..', '..', 'docker-compose.yml'), 'utf8'),
  ) as ComposeFile;
  const env = compose.services.app.environment ?? {};

  it('gives the app a configuration that passes validation', () => {
    const config = loadConfig(env);
    expect(config.MONGODB_URI).toBe('mongodb://mongo:27017/powerdesk');
    expect(config.REDIS_URL).toBe('redis://redis:6379');
  });

  it('sets every variable the app reads, and no other', () => {
    const known = Object.keys(new AppConfig()).concat('MONGODB_URI', 'REDIS_URL').sort();
    expect(Object.keys(env).sort()).toEqual([...new Set(known)].sort());
  });

  it('runs Redis with append-only persistence and waits for healthy stores', () => {
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
    expect(compose.services.app.depends_on).toEqual({
      mongo: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
    });
  });
});
