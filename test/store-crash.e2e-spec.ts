import mongoose from 'mongoose';
import { connect, messageId, RecordingClient } from './support/clients';
import { canRunOwnStore, OwnServer } from './support/own-servers';
import { startTestApp, TestApp } from './support/test-app';

// Killing the store needs one of the test's own (the mongo-java-server that scripts/services.sh
// builds, H2 backend committed before each answer); against an external MongoDB (MONGODB_URI
// set, nothing built) there is none to kill, and this block is skipped.
const describeWithOwnStore = canRunOwnStore ? describe : describe.skip;

describeWithOwnStore('when the store is killed mid-write (kill -9)', () => {
  let store: OwnServer;
  let t: TestApp;
  const clients: RecordingClient[] = [];

  beforeAll(async () => {
    store = await OwnServer.start('mongo');
    t = await startTestApp({ MONGODB_URI: store.uri });
    await t.reset();
  });
  afterAll(async () => {
    clients.forEach((c) => c.close());
    await t.close();
    await store.stop();
  });

  it('loses no acknowledged message', async () => {
    const customers = await Promise.all(
      Array.from({ length: 4 }, async () => {
        const client = await connect(t.url, '/customer');
        clients.push(client);
        await client.emit('conversation:start', { language: 'zh' });
        return client;
      }),
    );
    const acked: string[] = [];
    let killed: Promise<void> | undefined;
    // Every customer keeps sending; the store dies once a dozen writes have been acknowledged,
    // while others are in flight.
    await Promise.all(
      customers.map(async (client, c) => {
        for (let i = 0; i < 15; i++) {
          const clientMessageId = messageId();
          const ack = await client
            .emit('message:send', { clientMessageId, text: `停电了 户号 ${c} 第${i}条` })
            .catch(() => ({ ok: false }));
          if (ack.ok) acked.push(clientMessageId);
          if (acked.length >= 12 && !killed) killed = store.kill();
          if (killed) return;
        }
      }),
    );
    await killed;
    expect(acked.length).toBeGreaterThanOrEqual(12);

    await store.up();
    const connection = await mongoose.createConnection(store.uri).asPromise();
    try {
      const stored = await connection
        .collection('messages')
        .find({ clientMessageId: { $in: acked } }, { projection: { clientMessageId: 1 } })
        .toArray();
      expect(stored.map((m) => m.clientMessageId as string).sort()).toEqual([...acked].sort());
    } finally {
      await connection.close();
    }
  });
});
