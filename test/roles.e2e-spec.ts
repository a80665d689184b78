import request from 'supertest';
import { connect, login } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

type Who = 'nobody' | 'agent' | 'supervisor';
const ID = '0123456789abcdef01234567';

/**
 * Who may call what: every HTTP endpoint and socket namespace against nobody, an agent and a
 * supervisor. "allowed" means the guard let the caller through (the answer may still be 404 for
 * the made-up ids used here); refused means exactly 401 for nobody and 403 for the wrong role.
 */
const ENDPOINTS: { path: string; allowed: Who[] }[] = [
  { path: '/transcripts?limit=5', allowed: ['supervisor'] },
  { path: `/transcripts/${ID}`, allowed: ['supervisor'] },
  {
    path: `/transcripts/${ID}/messages/x/original?reason=checking%20a%20dispute`,
    allowed: ['supervisor'],
  },
  { path: '/audit/access-log', allowed: ['supervisor'] },
  { path: '/reports/quality?from=2026-01-01&to=2026-01-02', allowed: ['supervisor'] },
  { path: '/reports/bot-misses?from=2026-01-01&to=2026-01-02', allowed: ['supervisor'] },
  { path: '/tickets', allowed: ['agent', 'supervisor'] },
  { path: `/tickets/${ID}`, allowed: ['agent', 'supervisor'] },
  { path: '/health', allowed: ['nobody', 'agent', 'supervisor'] },
];

const NAMESPACES: { namespace: string; allowed: Who[] }[] = [
  { namespace: '/customer', allowed: ['nobody', 'agent', 'supervisor'] },
  { namespace: '/agent', allowed: ['agent'] },
  { namespace: '/supervisor', allowed: ['supervisor'] },
];

describe('roles: who may and who may not', () => {
  let t: TestApp;
  const tokens: Partial<Record<Who, string>> = {};

  beforeAll(async () => {
    t = await startTestApp();
    await t.reset();
    tokens.agent = await login(t.url, 'agent.li');
    // supervisor.zhou holds the unmask permission, so only the role decides here.
    tokens.supervisor = await login(t.url, 'supervisor.zhou');
  });
  afterAll(() => t.close());

  for (const { path, allowed } of ENDPOINTS) {
    for (const who of ['nobody', 'agent', 'supervisor'] as Who[]) {
      const may = allowed.includes(who);
      it(`GET ${path.split('?')[0]}: ${who} ${may ? 'may' : 'may not'}`, async () => {
        const req = request(t.url).get(path);
        const res = await (tokens[who] ? req.set('authorization', `Bearer ${tokens[who]}`) : req);
        if (may) expect([200, 404]).toContain(res.status);
        else expect(res.status).toBe(who === 'nobody' ? 401 : 403);
      });
    }
  }

  for (const { namespace, allowed } of NAMESPACES) {
    for (const who of ['nobody', 'agent', 'supervisor'] as Who[]) {
      const may = allowed.includes(who);
      it(`socket ${namespace}: ${who} ${may ? 'may' : 'may not'} connect`, async () => {
        const attempt = connect(t.url, namespace, tokens[who] ? { token: tokens[who] } : undefined);
        if (may) {
          (await attempt).close();
        } else {
          await expect(attempt).rejects.toMatchObject({
            data: { code: who === 'nobody' ? 'UNAUTHENTICATED' : 'FORBIDDEN' },
          });
        }
      });
    }
  }
});
