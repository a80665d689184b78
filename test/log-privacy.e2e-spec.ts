import { LoggerService } from '@nestjs/common';
import request from 'supertest';
import { connect, connectAgent, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

/** Everything the service logs, at every level. */
class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  private add(level: string, parts: unknown[]) {
    this.lines.push(
      `${level} ${parts.map((p) => (p instanceof Error ? `${p.message} ${p.stack}` : typeof p === 'string' ? p : JSON.stringify(p))).join(' ')}`,
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
  debug(...parts: unknown[]) {
    this.add('debug', parts);
  }
  verbose(...parts: unknown[]) {
    this.add('verbose', parts);
  }
}

const ID = '11010519491231002X';
const MOBILE = '13812345678';
const CARD = '6217000010001234569';

describe('personal data never reaches the logs', () => {
  const logger = new CapturingLogger();
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ LOG_LEVEL: 'verbose' }, { logger });
    await t.reset();
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  it('logs none of the numbers a customer sends, in messages, bad payloads, escalations and callbacks', async () => {
    const customer = await connect(t.url, '/customer');
    clients.push(customer);
    await customer.emit('conversation:start', { language: 'zh' });
    await customer.emit('message:send', {
      clientMessageId: messageId(),
      text: `身份证${ID} 手机${MOBILE} 卡${CARD}`,
    });
    await customer.emit('message:send', { clientMessageId: `bad id ${MOBILE}`, text: MOBILE });
    await customer.emit('message:send', {
      clientMessageId: messageId(),
      text: `${CARD}`.repeat(200),
    });
    await customer.emit('unknown:event', { phone: MOBILE });
    await customer.emit('message:send', {
      clientMessageId: messageId(),
      text: `转人工，我的电话${MOBILE}`,
    });
    await customer.waitFor<{ status: string }>(
      'conversation:updated',
      (c) => c.status === 'waiting',
    );
    await customer.emit('callback:leave', { phone: MOBILE, message: `身份证${ID}` });
    const desk = await connectAgent(t.url, 'agent.li');
    clients.push(desk);
    await desk.waitFor('ticket:offered');
    await request(t.url).post('/auth/login').send({ username: MOBILE, password: ID }).expect(401);
    // Numbers in a URL (a supervisor's search) and a session token in a header.
    const token = await login(t.url, 'supervisor.zhou');
    await request(t.url)
      .get(`/transcripts/search?q=${MOBILE}&account=${ID}`)
      .set('authorization', `Bearer ${token}`)
      .set('x-request-id', 'probe-request-1');
    await new Promise((r) => setTimeout(r, 300));

    expect(logger.lines.length).toBeGreaterThan(0);
    const everything = logger.lines.join('\n');
    for (const secret of [ID, MOBILE, CARD, token]) expect(everything).not.toContain(secret);
  });

  it('writes JSON lines, HTTP ones with the request id and the auth header redacted', () => {
    const search = logger.lines.find((l) => l.includes('"probe-request-1"'));
    expect(search).toBeDefined();
    expect(search).toContain('"url":"/transcripts/search?q=');
    expect(search).toContain('"authorization":"[redacted]"');
    const login = logger.lines.find((l) => l.includes('"url":"/auth/login"'));
    expect(login).toMatch(/"req":\{"id":"[0-9a-f-]{36}"/);
  });
});
