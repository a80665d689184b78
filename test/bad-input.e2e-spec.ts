import request from 'supertest';
import { connect, connectAgent, login, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

describe('bad input gets a clear error and breaks nothing', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ SOCKET_MAX_BYTES: '8192' });
    await t.reset();
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(() => t.close());

  async function customer(start = true): Promise<RecordingClient> {
    const client = await connect(t.url, '/customer');
    clients.push(client);
    if (start) expect((await client.emit('conversation:start', { language: 'en' })).ok).toBe(true);
    return client;
  }

  describe('customer socket', () => {
    it.each([
      ['a bare string', 'hello'],
      ['a number', 42],
      ['null', null],
      ['a missing text', { clientMessageId: 'x1' }],
      ['an empty text', { clientMessageId: 'x2', text: '' }],
      ['a non-string text', { clientMessageId: 'x3', text: { $gt: '' } }],
      ['an unknown field', { clientMessageId: 'x4', text: 'hi', admin: true }],
      ['a malformed client message id', { clientMessageId: 'has spaces and {braces}', text: 'hi' }],
      ['a text over 2000 characters', { clientMessageId: 'x5', text: 'a'.repeat(2001) }],
    ])('refuses message:send with %s', async (_what, payload) => {
      const client = await customer();
      const ack = await client.emit('message:send', payload);
      expect(ack.ok).toBe(false);
      expect(ack.error?.code).toBe('VALIDATION');
      expect(ack.error?.message).toBeTruthy();
    });

    it('accepts a message of exactly 2000 characters', async () => {
      const client = await customer();
      expect(
        (
          await client.emit('message:send', {
            clientMessageId: messageId(),
            text: '电'.repeat(2000),
          })
        ).ok,
      ).toBe(true);
    });

    it('answers an unknown event with UNKNOWN_EVENT', async () => {
      const client = await customer();
      const ack = await client.emit('conversation:delete', { all: true });
      expect(ack).toMatchObject({ ok: false, error: { code: 'UNKNOWN_EVENT' } });
    });

    it('tells a client without an ack callback through error:occurred', async () => {
      const client = await customer();
      client.socket.emit('message:send', 'not an object');
      await client.waitFor<{ error: { code: string } }>(
        'error:occurred',
        (e) => e.error.code === 'VALIDATION',
      );
    });

    it('refuses a message before a conversation is started', async () => {
      const client = await customer(false);
      const ack = await client.emit('message:send', { clientMessageId: messageId(), text: 'hi' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'CONFLICT' } });
    });

    it('refuses an unknown resume token', async () => {
      const client = await customer(false);
      const ack = await client.emit('conversation:resume', { resumeToken: 'x'.repeat(32) });
      expect(ack).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    });

    it('refuses an unsupported language', async () => {
      const client = await customer(false);
      const ack = await client.emit('conversation:start', { language: 'fr' });
      expect(ack).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
    });

    it('drops a client whose frame exceeds the socket limit, and keeps serving others', async () => {
      const big = await customer();
      const disconnected = new Promise<string>((resolve) => big.socket.once('disconnect', resolve));
      big.socket.emit('message:send', { clientMessageId: messageId(), text: 'x'.repeat(20_000) });
      expect(await disconnected).toBe('transport close');

      const other = await customer();
      expect(
        (await other.emit('message:send', { clientMessageId: messageId(), text: 'hello' })).ok,
      ).toBe(true);
      await request(t.url).get('/health').expect(200);
    });
  });

  describe('agent socket', () => {
    it('refuses a connection without a valid token', async () => {
      await expect(connect(t.url, '/agent')).rejects.toMatchObject({
        data: { code: 'UNAUTHENTICATED' },
      });
      await expect(connect(t.url, '/agent', { token: 'y'.repeat(40) })).rejects.toMatchObject({
        data: { code: 'UNAUTHENTICATED' },
      });
    });

    it('refuses a supervisor on the agent desk', async () => {
      const token = await login(t.url, 'supervisor.zhou');
      await expect(connect(t.url, '/agent', { token })).rejects.toMatchObject({
        data: { code: 'FORBIDDEN' },
      });
    });

    it('refuses malformed and unknown ticket ids', async () => {
      const desk = await connectAgent(t.url);
      clients.push(desk);
      expect(await desk.emit('ticket:accept', { ticketId: 'nope' })).toMatchObject({
        error: { code: 'VALIDATION' },
      });
      expect(
        await desk.emit('ticket:accept', { ticketId: '0123456789abcdef01234567' }),
      ).toMatchObject({
        error: { code: 'NOT_FOUND' },
      });
      expect(
        await desk.emit('message:send', {
          ticketId: '0123456789abcdef01234567',
          clientMessageId: 'a1',
          text: 'hi',
        }),
      ).toMatchObject({ error: { code: 'NOT_FOUND' } });
    });
  });

  describe('HTTP', () => {
    it('refuses transcripts without a token, to an agent, and for bad or unknown ids', async () => {
      await request(t.url).get('/transcripts/0123456789abcdef01234567').expect(401);
      const agentToken = await login(t.url, 'agent.li');
      await request(t.url)
        .get('/transcripts')
        .set('authorization', `Bearer ${agentToken}`)
        .expect(403);
      const token = await login(t.url, 'supervisor.zhou');
      const bad = await request(t.url)
        .get('/transcripts/not-an-id')
        .set('authorization', `Bearer ${token}`)
        .expect(400);
      expect(bad.body).toMatchObject({ error: { code: 'VALIDATION' } });
      await request(t.url)
        .get('/transcripts/0123456789abcdef01234567')
        .set('authorization', `Bearer ${token}`)
        .expect(404);
      await request(t.url)
        .get('/transcripts?limit=1000')
        .set('authorization', `Bearer ${token}`)
        .expect(400);
    });

    it('refuses a wrong password and a malformed login body', async () => {
      await request(t.url)
        .post('/auth/login')
        .send({ username: 'agent.li', password: 'wrong' })
        .expect(401);
      await request(t.url).post('/auth/login').send({ username: 'agent.li' }).expect(400);
      await request(t.url)
        .post('/auth/login')
        .set('content-type', 'application/json')
        .send('{not json')
        .expect(400);
    });

    it('reports both stores up, and the NLU mode (fast-only under NODE_ENV=test)', async () => {
      const res = await request(t.url).get('/health').expect(200);
      expect(res.body).toEqual({
        status: 'ok',
        mongodb: 'up',
        redis: 'up',
        nlu: {
          mode: 'fast-only',
          reason: 'switched off (NLU_ENCODER)',
          restarts: 0,
          deadlineMs: 0,
        },
      });
    });
  });
});
