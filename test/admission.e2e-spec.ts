import { getConnectionToken } from '@nestjs/mongoose';
import { Connection, Types } from 'mongoose';
import { AckBody, messageId, RecordingClient, sayToBot, startCustomer } from './support/clients';
import { startTestApp, TestApp } from './support/test-app';

/** Admission control per customer socket: a flood is refused clearly, nothing refused is kept. */
describe('admission control', () => {
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    t = await startTestApp({ CHAT_MESSAGE_BURST: '10', CHAT_MESSAGES_PER_SECOND: '1' });
    await t.reset();
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
  });

  it('refuses a flood from one socket with RATE_LIMITED, stores what it acknowledged, and serves another customer', async () => {
    const flooder = await startCustomer(t.url, 'en', clients);
    const sent = Array.from({ length: 40 }, (_, i) => ({
      clientMessageId: messageId(),
      text: `spam ${i}`,
    }));
    const acks: AckBody[] = await Promise.all(
      sent.map((body) => flooder.client.emit('message:send', body)),
    );
    const accepted = sent.filter((_, i) => acks[i].ok);
    const refused = acks.filter((a) => !a.ok);
    expect(accepted.length).toBeGreaterThanOrEqual(10);
    expect(accepted.length).toBeLessThan(20);
    for (const ack of refused) {
      expect(ack.error?.code).toBe('RATE_LIMITED');
      expect(
        (ack.error?.details as { retryAfterSeconds?: number }).retryAfterSeconds,
      ).toBeGreaterThan(0);
    }
    const stored = await t.app
      .get<Connection>(getConnectionToken())
      .collection('messages')
      .find({ conversationId: new Types.ObjectId(flooder.conversationId), sender: 'customer' })
      .toArray();
    expect(stored.map((m) => m.clientMessageId as string).sort()).toEqual(
      accepted.map((m) => m.clientMessageId).sort(),
    );

    // Meanwhile another customer is answered as usual.
    const other = await startCustomer(t.url, 'zh', clients);
    await sayToBot(other.client, '阶梯电价怎么收费');
  });

  it('meters typing signals: a flood of them is refused and never reaches the agents', async () => {
    const typist = await startCustomer(t.url, 'en', clients);
    const acks: AckBody[] = await Promise.all(
      Array.from({ length: 30 }, (_, i) =>
        typist.client.emit('typing:set', { typing: i % 2 === 0 }),
      ),
    );
    const refused = acks.filter((a) => !a.ok);
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(8);
    expect(refused.length).toBeGreaterThanOrEqual(22);
    for (const ack of refused) expect(ack.error?.code).toBe('RATE_LIMITED');
    // Messages have their own bucket: the customer can still write.
    expect(
      (await typist.client.emit('message:send', { clientMessageId: messageId(), text: 'hi' })).ok,
    ).toBe(true);
  });

  it('disconnects a socket that keeps sending past its limit, after answering each refusal', async () => {
    const flooder = await startCustomer(t.url, 'en', clients);
    const closed = new Promise<string>((resolve) =>
      flooder.client.socket.once('disconnect', resolve),
    );
    // Burst 10, then ABUSE_REFUSALS (100) refusals in a row: the socket is closed after them.
    const acks = await Promise.all(
      Array.from({ length: 110 }, (_, i) =>
        flooder.client
          .emit('message:send', { clientMessageId: messageId(), text: `spam ${i}` })
          .catch(() => ({ ok: false, error: { code: 'NO_ACK', message: '' } }) as AckBody),
      ),
    );
    expect(await closed).toBe('io server disconnect');
    const refused = acks.filter((a) => a.error?.code === 'RATE_LIMITED').length;
    expect(refused).toBeGreaterThanOrEqual(100);
    // The burst's 10 were admitted and stored; acks still in flight when the connection closed
    // are lost with it (a resend with the same clientMessageId is answered as a duplicate).
    const storedNow = () =>
      t.app
        .get<Connection>(getConnectionToken())
        .collection('messages')
        .countDocuments({
          conversationId: new Types.ObjectId(flooder.conversationId),
          sender: 'customer',
        });
    let stored = await storedNow();
    for (let i = 0; i < 50 && stored < 10; i++) {
      await new Promise((r) => setTimeout(r, 100));
      stored = await storedNow();
    }
    expect(stored).toBe(10);
    expect(acks.filter((a) => a.ok).length).toBeLessThanOrEqual(10);
    expect(refused + 10).toBe(110);
    // A person's socket beside it is untouched.
    const other = await startCustomer(t.url, 'en', clients);
    await sayToBot(other.client, 'my power is out');
  });

  it('bounds the bot turns one conversation may queue, and stores only what it acknowledged', async () => {
    // A second app whose socket limit is out of the way, so the turn queue is what refuses.
    const roomy = await startTestApp({ CHAT_MESSAGE_BURST: '200', MONGODB_URI: t.mongoUri });
    try {
      const customer = await startCustomer(roomy.url, 'en', clients);
      const sent = Array.from({ length: 40 }, (_, i) => ({
        clientMessageId: messageId(),
        text: `what are the tariff tiers ${i}`,
      }));
      const acks = await Promise.all(sent.map((b) => customer.client.emit('message:send', b)));
      const refused = acks.filter((a) => !a.ok);
      expect(refused.length).toBe(40 - 25);
      expect(refused.every((a) => a.error?.code === 'RATE_LIMITED')).toBe(true);
      const stored = await roomy.app
        .get<Connection>(getConnectionToken())
        .collection('messages')
        .countDocuments({
          conversationId: new Types.ObjectId(customer.conversationId),
          sender: 'customer',
        });
      expect(stored).toBe(25);
    } finally {
      await roomy.close({ keepData: true });
    }
  });
});
