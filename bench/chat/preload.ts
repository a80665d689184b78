import mongoose, { Types } from 'mongoose';

const BATCH = 2000;
const DAY_MS = 86_400_000;

/**
 * Fills the bench's database with `count` finished conversations (each with a customer message
 * and two bot replies), spread over the last 180 days, before the service starts: the message
 * path must cost the same at 1,000 and at 100,000 stored conversations. The search's catch-up
 * mark is set to now, as on a deployment whose index is up to date, so the service starts
 * without rebuilding the history. Returns the seconds it took.
 */
export async function preloadConversations(mongoUri: string, count: number): Promise<number> {
  if (count === 0) return 0;
  const started = Date.now();
  const connection = await mongoose.createConnection(mongoUri).asPromise();
  try {
    const conversations = connection.collection('conversations');
    const messages = connection.collection('messages');
    const now = Date.now();
    for (let done = 0; done < count; done += BATCH) {
      const convs = [];
      const msgs: Record<string, unknown>[] = [];
      for (let i = done; i < Math.min(count, done + BATCH); i++) {
        const at = new Date(now - ((i * 7919) % 180) * DAY_MS - (i % 86_400) * 1000);
        const _id = new Types.ObjectId(Math.floor(at.getTime() / 1000));
        convs.push({
          _id,
          resumeTokenHash: `preloaded-${i}`,
          status: 'closed',
          language: i % 2 ? 'en' : 'zh',
          channel: 'web',
          messageSeq: 3,
          dialogueVersion: 1,
          outcome: 'bot',
          intents: ['billing.tariff'],
          botTurns: [],
          lastMessageAt: at,
          createdAt: at,
          updatedAt: at,
        });
        const texts = ['阶梯电价怎么收费', 'Tiers are…', 'Anything else?'];
        texts.forEach((text, seq) =>
          msgs.push({
            _id: `${_id.toHexString()}:${seq + 1}`,
            conversationId: _id,
            seq: seq + 1,
            sender: seq === 0 ? 'customer' : 'bot',
            clientMessageId: `pre-${seq}`,
            text,
            internal: false,
            createdAt: at,
          }),
        );
      }
      await conversations.insertMany(convs, { ordered: false });
      await messages.insertMany(msgs as never[], { ordered: false });
    }
    await connection
      .collection<{ _id: string; until: Date }>('search_state')
      .updateOne({ _id: 'catch-up' }, { $set: { until: new Date() } }, { upsert: true });
  } finally {
    await connection.close();
  }
  return (Date.now() - started) / 1000;
}
