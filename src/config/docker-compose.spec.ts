import { readFileSync } from 'fs';
import { join } from 'path';
import { parse } from 'yaml';
import { AppConfig, loadConfig } from './app-config';

interface ComposeService {
  image?: string;
  environment?: Record<string, string>;
  command?: string[];
  depends_on?: object;
  healthcheck?: { test: string[] };
  volumes?: string[];
}
interface ComposeFile {
  services: Record<string, ComposeService>;
}

const ROOT = join(__dirname, '..', '..');
const REPLICAS = ['app1', 'app2'];

// No Docker engine runs here, so the compose file is held true to the app's configuration by test.
describe('docker-compose.yml', () => {
  // Merge keys: both replicas come from one `x-app` definition.
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as ComposeFile;
  const envOf = (name: string) => compose.services[name]?.environment ?? {};
  const nginx = readFileSync(join(ROOT, 'deploy', 'nginx.conf'), 'utf8');

  it.each(REPLICAS)('gives %s a configuration that passes validation', (name) => {
    const config = loadConfig(envOf(name));
    expect(config.MONGODB_URI).toBe('mongodb://mongo:27017/powerdesk?replicaSet=rs0');
    expect(config.REDIS_URL).toBe('redis://redis:6379');
  });

  it.each(REPLICAS)('sets every variable the app reads in %s, and no other', (name) => {
    const known = Object.keys(new AppConfig()).concat('MONGODB_URI', 'REDIS_URL').sort();
    expect(Object.keys(envOf(name)).sort()).toEqual([...new Set(known)].sort());
  });

  it('gives the replicas the same stores, queue prefix and personal-data keys', () => {
    const [a, b] = REPLICAS.map(envOf);
    for (const key of [
      'MONGODB_URI',
      'REDIS_URL',
      'QUEUE_PREFIX',
      'PII_REF_SECRET',
      'PII_ENCRYPTION_KEY',
    ]) {
      expect(b[key]).toBe(a[key]);
    }
    // The keys come from the environment, never from the file.
    expect(a.PII_REF_SECRET).toMatch(/^\$\{PII_REF_SECRET:\?/);
    expect(a.PII_ENCRYPTION_KEY).toMatch(/^\$\{PII_ENCRYPTION_KEY:\?/);
  });

  it('checks each replica on readiness and waits for healthy stores', () => {
    for (const name of REPLICAS) {
      expect(compose.services[name].healthcheck?.test.join(' ')).toContain('/health/ready');
      expect(compose.services[name].depends_on).toEqual({
        mongo: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
    }
  });

  it('runs MongoDB 7 as a replica set rs0 that its health check initiates', () => {
    const mongo = compose.services.mongo;
    expect(mongo.image).toBe('mongo:7');
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']));
    expect(mongo.healthcheck?.test.join(' ')).toContain("rs.initiate({ _id: 'rs0'");
  });

  it('runs Redis 7 with append-only persistence', () => {
    expect(compose.services.redis.image).toBe('redis:7');
    expect(compose.services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes']));
  });

  it('puts nginx in front of both replicas, websockets upgraded', () => {
    expect(compose.services.nginx.volumes).toContain(
      './deploy/nginx.conf:/etc/nginx/nginx.conf:ro',
    );
    for (const name of REPLICAS) {
      expect(nginx).toMatch(new RegExp(`server ${name}:${envOf(name).PORT}[ ;]`));
    }
    const socketIo = /location \/socket\.io\/ \{([^}]*)\}/.exec(nginx)?.[1] ?? '';
    expect(socketIo).toContain('proxy_set_header Upgrade $http_upgrade;');
    expect(socketIo).toContain('proxy_set_header Connection $connection_upgrade;');
    expect(socketIo).toContain('proxy_http_version 1.1;');
    // Every nginx upstream is a service of this file.
    for (const [, host] of nginx.matchAll(/server (\w+):\d+/g)) {
      expect(Object.keys(compose.services)).toContain(host);
    }
  });
});
