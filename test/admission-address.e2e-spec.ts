import { getConnectionToken } from '@nestjs/mongoose';
import { randomBytes } from 'crypto';
import { Connection, Types } from 'mongoose';
import { io } from 'socket.io-client';
import { AckBody, messageId, RecordingClient } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

interface Refusal {
  message: string;
  data?: { code: string; details?: { retryAfterSeconds?: number } };
}

/** A customer socket that says it comes from `forwardedFor` (trusted only with TRUST_PROXY). */
async function connectFrom(url: string, forwardedFor?: string): Promise<RecordingClient> {
  const socket = io(`${url}/customer`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    extraHeaders: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });
  const client = new RecordingClient(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return client;
}

function retryAfter(ack: AckBody): number | undefined {
  return (ack.error?.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds;
}

/**
 * Limits per client address hold across instances: two apps on one database and one Redis
 * prefix (two replicas behind a load balancer) count one address together. Each test uses an
 * address of its own (documentation ranges), so they do not share buckets.
 */
describe('admission control per address, across instances', () => {
  const limits = {
    CHAT_IP_MESSAGES_PER_MINUTE: '10',
    CHAT_IP_STARTS_PER_MINUTE: '4',
    CHAT_IP_CONNECTIONS_PER_MINUTE: '6',
  };
  let a: TestApp;
  let b: TestApp;
  const clients: RecordingClient[] = [];

  const open = async (app: TestApp, address?: string) => {
    const client = await connectFrom(app.url, address);
    clients.push(client);
    return client;
  };
  const count = (collection: string, filter: Record<string, unknown>) =>
    a.app.get<Connection>(getConnectionToken()).collection(collection).countDocuments(filter);

  beforeAll(async () => {
    const shared = {
      ...limits,
      TRUST_PROXY: '1',
      QUEUE_PREFIX: `pd-e2e-ip-${randomBytes(4).toString('hex')}`,
    };
    a = await startTestApp(shared);
    await a.reset();
    b = await startTestApp({ ...shared, MONGODB_URI: a.mongoUri });
  });
  afterEach(() => clients.splice(0).forEach((c) => c.close()));
  afterAll(async () => {
    await b.close({ keepData: true });
    await a.close();
  });

  it('limits one address’s messages over both instances together, and stores only what it acknowledged', async () => {
    const address = '203.0.113.10';
    const sockets = [await open(a, address), await open(b, address)];
    const conversations: string[] = [];
    for (const s of sockets) {
      const ack = await s.emit('conversation:start', { language: 'en' });
      conversations.push((ack.conversation as { id: string }).id);
    }
    const acks: AckBody[] = [];
    for (let i = 0; i < 16; i++) {
      // Alternating instances: each alone would allow all 16 (its socket's burst is 30).
      acks.push(
        await sockets[i % 2].emit('message:send', {
          clientMessageId: messageId(),
          text: `hi ${i}`,
        }),
      );
    }
    const accepted = acks.filter((x) => x.ok).length;
    expect(accepted).toBeGreaterThanOrEqual(10);
    expect(accepted).toBeLessThanOrEqual(11); // one more token may drip in (10 a minute)
    const refused = acks.filter((x) => !x.ok);
    expect(refused.length).toBe(16 - accepted);
    for (const ack of refused) {
      expect(ack.error?.code).toBe('RATE_LIMITED');
      expect(retryAfter(ack)).toBeGreaterThanOrEqual(1);
    }
    const stored = await count('messages', {
      conversationId: { $in: conversations.map((id) => new Types.ObjectId(id)) },
      sender: 'customer',
    });
    expect(stored).toBe(accepted);
  });

  it('limits one address’s conversation starts over both instances, storing no refused one', async () => {
    const address = '203.0.113.20';
    const sockets = [await open(a, address), await open(b, address), await open(a, address)];
    const before = await count('conversations', {});
    const acks: AckBody[] = [];
    for (let i = 0; i < 8; i++) {
      acks.push(await sockets[i % 3].emit('conversation:start', { language: 'zh' }));
    }
    expect(acks.filter((x) => x.ok).length).toBe(4);
    const refused = acks.filter((x) => !x.ok);
    expect(refused.map((x) => x.error?.code)).toEqual(Array(4).fill('RATE_LIMITED'));
    expect(refused.every((x) => (retryAfter(x) ?? 0) >= 1)).toBe(true);
    expect((await count('conversations', {})) - before).toBe(4);
  });

  it('refuses new sockets from one address past its limit, on either instance, at the handshake', async () => {
    const address = '203.0.113.30';
    const outcomes: (RecordingClient | Refusal)[] = [];
    for (let i = 0; i < 8; i++) {
      outcomes.push(await open(i % 2 ? b : a, address).catch((error: Refusal) => error));
    }
    const refusals = outcomes.filter((o): o is Refusal => !(o instanceof RecordingClient));
    expect(outcomes.length - refusals.length).toBe(6);
    expect(refusals).toHaveLength(2);
    for (const r of refusals) {
      expect(r.data?.code).toBe('RATE_LIMITED');
      expect(r.data?.details?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    }
    // Another address is not affected.
    const other = await open(b, '203.0.113.31');
    expect((await other.emit('conversation:start', { language: 'en' })).ok).toBe(true);
  });

  it('honours X-Forwarded-For with TRUST_PROXY: distinct forwarded addresses have their own limits', async () => {
    const sockets = await Promise.all(
      ['198.51.100.1', '198.51.100.2', '198.51.100.3'].map((ip, i) => open(i % 2 ? b : a, ip)),
    );
    const acks: AckBody[] = [];
    for (const s of sockets) {
      for (let i = 0; i < 2; i++) acks.push(await s.emit('conversation:start', { language: 'en' }));
    }
    // 6 starts, more than one address's 4: all admitted, since each address started only 2.
    expect(acks.every((x) => x.ok)).toBe(true);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY: forged addresses share the peer’s limits', async () => {
    const direct = await startTestApp({ ...limits, MONGODB_URI: a.mongoUri });
    try {
      const sockets = await Promise.all(
        ['198.51.100.11', '198.51.100.12', '198.51.100.13'].map((ip) => open(direct, ip)),
      );
      const acks: AckBody[] = [];
      for (const s of sockets) {
        for (let i = 0; i < 2; i++) {
          acks.push(await s.emit('conversation:start', { language: 'en' }));
        }
      }
      expect(acks.filter((x) => x.ok).length).toBe(4);
      expect(acks.filter((x) => x.error?.code === 'RATE_LIMITED').length).toBe(2);
    } finally {
      clients.splice(0).forEach((c) => c.close());
      await direct.close({ keepData: true });
    }
  });
});
