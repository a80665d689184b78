import { LoggerService } from '@nestjs/common';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { io } from 'socket.io-client';
import request from 'supertest';
import { connect, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private add(level: string, parts: unknown[]) {
    this.lines.push(
      `${level} ${parts.map((p) => (p instanceof Error ? p.stack : String(p))).join(' ')}`,
    );
  }
  log(...parts: unknown[]) {
    this.add('log', parts);
  }
  error(...parts: unknown[]) {
    this.add('error', parts);
  }
  warn(...parts: unknown[]) {
    this.add('warn', parts);
  }
}

const UTILITY = 'https://www.binjiang-power.example';

function nested(levels: number): unknown {
  let value: unknown = 'x';
  for (let i = 0; i < levels; i++) value = { a: value };
  return value;
}

/** Whether a socket from a browser page of `origin` may connect (websocket only, no polling). */
function connects(url: string, origin: string): Promise<boolean> {
  const socket = io(`${url}/customer`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: { origin },
  });
  return new Promise((resolve) => {
    socket.once('connect', () => {
      socket.disconnect();
      resolve(true);
    });
    socket.once('connect_error', () => {
      socket.close();
      resolve(false);
    });
  });
}

describe('security: headers, origins, body limits, payload depth, unmask refusals', () => {
  let t: TestApp;
  const logger = new CapturingLogger();
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ CORS_ORIGINS: UTILITY, LOG_LEVEL: 'log' }, { logger });
    await t.reset();
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('sends a CSP without inline allowances, frame-ancestors, nosniff and no X-Powered-By', async () => {
    for (const page of ['/', '/agent.html', '/supervisor.html', '/embed-demo.html']) {
      const res = await request(t.url).get(page).expect(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain(`frame-ancestors 'self' ${UTILITY}`);
      expect(res.headers['x-powered-by']).toBeUndefined();
      expect(res.headers['x-content-type-options']).toBe('nosniff');
      expect(res.headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
    }
    // The widget loads from the utility's own site.
    const widget = await request(t.url).get('/widget.js').expect(200);
    expect(widget.headers['cross-origin-resource-policy']).toBe('cross-origin');
    const api = await request(t.url).post('/auth/login').send({});
    expect(api.headers['x-powered-by']).toBeUndefined();
  });

  it('ships pages with no inline script, style, style attribute or event handler', () => {
    const web = join(__dirname, '..', 'src', 'web');
    for (const file of readdirSync(web).filter((f) => f.endsWith('.html'))) {
      const html = readFileSync(join(web, file), 'utf8');
      expect({ file, inline: /<script(?![^>]*\bsrc=)[^>]*>/i.test(html) }).toEqual({
        file,
        inline: false,
      });
      expect({ file, style: /<style|\sstyle=|\son[a-z]+=/i.test(html) }).toEqual({
        file,
        style: false,
      });
    }
  });

  it('lets websocket connections in only from the page itself and the configured sites', async () => {
    expect(await connects(t.url, UTILITY)).toBe(true);
    expect(await connects(t.url, t.url)).toBe(true);
    expect(await connects(t.url, 'https://evil.example')).toBe(false);
    expect(await connects(t.url, 'null')).toBe(false);
  });

  it('answers a body over the limit with 413 TOO_LARGE and malformed JSON with 400', async () => {
    const big = await request(t.url)
      .post('/auth/login')
      .send({ username: 'agent.li', password: 'x'.repeat(40_000) })
      .expect(413);
    expect(big.body).toMatchObject({ error: { code: 'TOO_LARGE' } });
    const bad = await request(t.url)
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send('{"username": ')
      .expect(400);
    expect(bad.body).toMatchObject({ error: { code: 'VALIDATION' } });
  });

  it('refuses deeply nested payloads before validation, over HTTP and socket, logging no stack', async () => {
    const before = logger.lines.length;
    const http = await request(t.url)
      .post('/auth/login')
      .set('content-type', 'application/json')
      .send(JSON.stringify({ username: 'agent.li', password: nested(1500) }))
      .expect(400);
    expect(http.body).toMatchObject({ error: { code: 'TOO_DEEP' } });

    const customer = await connect(t.url, '/customer');
    clients.push(customer);
    await customer.emit('conversation:start', { language: 'en' });
    const ack = await customer.emit('message:send', {
      clientMessageId: messageId(),
      text: nested(1500),
    });
    expect(ack).toMatchObject({ ok: false, error: { code: 'TOO_DEEP' } });
    const unknown = await customer.emit('no:such', nested(1500));
    expect(unknown.ok).toBe(false);
    // The socket still works.
    const fine = await customer.emit('message:send', {
      clientMessageId: messageId(),
      text: 'hello',
    });
    expect(fine.ok).toBe(true);
    const logged = logger.lines.slice(before).join('\n');
    expect(logged).not.toMatch(/RangeError|Maximum call stack|\n\s+at /);
  });

  it('logs refused unmask attempts, and refuses a reason of only spaces', async () => {
    const customer = await connect(t.url, '/customer');
    clients.push(customer);
    const started = await customer.emit('conversation:start', { language: 'zh' });
    const conversationId = (started.conversation as { id: string }).id;
    const sent = await customer.emit('message:send', {
      clientMessageId: messageId(),
      text: '我的手机13812345678',
    });
    const id = encodeURIComponent((sent.message as { id: string }).id);
    const url = `/transcripts/${conversationId}/messages/${id}/original`;
    const qa = await login(t.url, 'supervisor.qa');
    const zhou = await login(t.url, 'supervisor.zhou');
    await request(t.url)
      .get(url)
      .query({ reason: 'curious' })
      .set('authorization', `Bearer ${qa}`)
      .expect(403);
    await request(t.url)
      .get(url)
      .query({ reason: '     ' })
      .set('authorization', `Bearer ${zhou}`)
      .expect(400);
    await request(t.url)
      .get(url)
      .query({ reason: '.....' })
      .set('authorization', `Bearer ${zhou}`)
      .expect(400);
    await request(t.url).get(url).set('authorization', `Bearer ${zhou}`).expect(400);
    const ok = await request(t.url)
      .get(url)
      .query({ reason: '   billing   dispute  ' })
      .set('authorization', `Bearer ${zhou}`)
      .expect(200);
    expect((ok.body as { text: string }).text).toBe('我的手机13812345678');

    const log = await request(t.url)
      .get('/audit/access-log')
      .query({ target: `message:${(sent.message as { id: string }).id}` })
      .set('authorization', `Bearer ${zhou}`)
      .expect(200);
    const entries = (
      log.body as { entries: { username: string; action: string; reason?: string }[] }
    ).entries;
    expect(entries.map((e) => [e.username, e.action])).toEqual([
      ['supervisor.zhou', 'transcript.unmask'],
      ['supervisor.zhou', 'transcript.unmask_refused'],
      ['supervisor.zhou', 'transcript.unmask_refused'],
      ['supervisor.zhou', 'transcript.unmask_refused'],
      ['supervisor.qa', 'transcript.unmask_refused'],
    ]);
    expect(entries[0].reason).toBe('billing dispute');
    expect(entries[4].reason).toContain('no unmask permission');
  });
});
