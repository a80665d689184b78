import { createAdapter } from '@socket.io/redis-adapter';
import { createServer } from 'http';
import Redis from 'ioredis';
import mongoose, { Types } from 'mongoose';
import { AddressInfo } from 'net';
import { Namespace, Server } from 'socket.io';

/**
 * The second reference of the chat benchmark: the floor of the fixed stack. It does for each
 * customer message only what any implementation of the design has to do, with the
 * same libraries as the service and on the same MongoDB and Redis:
 *   1. reserve the message's number (`findOneAndUpdate` $inc, returning the conversation),
 *   2. insert the message, then acknowledge it,
 *   3. write the turn's state (`findOneAndUpdate` on the state's version, reserving the reply's
 *      number),
 *   4. insert the reply,
 * and broadcast the message and the reply to the conversation's room in the customer, agent and
 * supervisor namespaces through the Redis adapter, as the service does. No validation, NLU,
 * dialogue, masking, encryption, limits, search, audit or metrics. What the service costs above
 * this is what our own code costs; what this costs above the echo is the stack's own price.
 *
 * Started as a child process by chat.bench.ts with MONGODB_URI, REDIS_URL and FLOOR_KEY (the
 * adapter's channel prefix) in its environment; prints `ready <port>` once it listens.
 * FLOOR_STORE=off keeps the four writes in memory instead (the same server without its database
 * round trips), which splits the floor's cost between the database and socket.io.
 */

type Ack = (body: unknown) => void;

interface SendBody {
  clientMessageId?: unknown;
  text?: unknown;
}

interface FloorConversation {
  _id: Types.ObjectId;
  seq: number;
  version: number;
  state: { step: string; slots: Record<string, string> };
}

interface FloorMessage {
  _id: string;
  conversationId: Types.ObjectId;
  seq: number;
  sender: 'customer' | 'bot';
  clientMessageId: string;
  text: string;
  createdAt: Date;
}

const MAX_BYTES = 16384;

/** The four writes of a message's path. */
interface FloorStore {
  start(_id: Types.ObjectId): Promise<void>;
  reserve(_id: Types.ObjectId): Promise<FloorConversation | null>;
  insert(message: FloorMessage): Promise<void>;
  turn(_id: Types.ObjectId, version: number): Promise<FloorConversation | null>;
  insertReplies(replies: FloorMessage[]): Promise<void>;
  close(): Promise<void>;
}

async function mongoStore(uri: string): Promise<FloorStore> {
  // Command monitoring on, as in the service (its round-trip counter).
  const db = await mongoose.createConnection(uri, { monitorCommands: true }).asPromise();
  const conversations = db.collection<FloorConversation>('floor_conversations');
  const messages = db.collection<FloorMessage>('floor_messages');
  const after = { returnDocument: 'after' } as const;
  return {
    start: async (_id) => {
      await conversations.insertOne({
        _id,
        seq: 0,
        version: 0,
        state: { step: 'idle', slots: {} },
      });
    },
    reserve: (_id) => conversations.findOneAndUpdate({ _id }, { $inc: { seq: 1 } }, after),
    insert: async (message) => {
      await messages.insertOne(message);
    },
    turn: (_id, version) =>
      conversations.findOneAndUpdate(
        { _id, version },
        {
          $set: { state: { step: 'answered', slots: { topic: 'billing' } } },
          $inc: { version: 1, seq: 1 },
        },
        after,
      ),
    insertReplies: async (replies) => {
      await messages.insertMany(replies);
    },
    // Our collections are dropped, not left in the bench's database.
    close: async () => {
      await Promise.allSettled([conversations.drop(), messages.drop()]);
      await db.close();
    },
  };
}

/** The same four steps without a database: each answers at once from a Map. */
function memoryStore(): FloorStore {
  const conversations = new Map<string, FloorConversation>();
  const bump = (_id: Types.ObjectId, version?: number) => {
    const c = conversations.get(_id.toHexString());
    if (!c || (version !== undefined && c.version !== version)) return Promise.resolve(null);
    c.seq += 1;
    if (version !== undefined) c.version += 1;
    return Promise.resolve({ ...c });
  };
  return {
    start: (_id) => {
      conversations.set(_id.toHexString(), {
        _id,
        seq: 0,
        version: 0,
        state: { step: 'idle', slots: {} },
      });
      return Promise.resolve();
    },
    reserve: (_id) => bump(_id),
    insert: () => Promise.resolve(),
    turn: (_id, version) => bump(_id, version),
    insertReplies: () => Promise.resolve(),
    close: () => Promise.resolve(),
  };
}

async function main(): Promise<void> {
  const uri = process.env.MONGODB_URI;
  const redisUrl = process.env.REDIS_URL;
  if (!uri || !redisUrl) throw new Error('MONGODB_URI and REDIS_URL are required');
  const store = process.env.FLOOR_STORE === 'off' ? memoryStore() : await mongoStore(uri);

  const http = createServer();
  const io = new Server(http, { maxHttpBufferSize: MAX_BYTES, serveClient: false });
  const pub = new Redis(redisUrl);
  io.adapter(createAdapter(pub, pub.duplicate(), { key: process.env.FLOOR_KEY ?? 'floor' }));
  const rooms: Namespace[] = [io.of('/customer'), io.of('/agent'), io.of('/supervisor')];
  const broadcast = (room: string, message: unknown) => {
    for (const nsp of rooms) nsp.to(room).emit('message:created', message);
  };

  io.of('/customer').on('connection', (socket) => {
    let conversationId: Types.ObjectId | undefined;
    let room = '';

    socket.on('conversation:start', async (_body: unknown, ack: Ack) => {
      const _id = new Types.ObjectId();
      await store.start(_id);
      conversationId = _id;
      room = `conversation:${_id.toHexString()}`;
      await socket.join(room);
      ack({
        ok: true,
        conversation: { id: _id.toHexString() },
        resumeToken: 'floor',
        messages: [],
      });
    });

    socket.on('message:send', async (body: SendBody, ack: Ack) => {
      if (!conversationId) return ack({ ok: false });
      const text = typeof body?.text === 'string' ? body.text : '';
      const clientMessageId = typeof body?.clientMessageId === 'string' ? body.clientMessageId : '';
      const reserved = await store.reserve(conversationId);
      if (!reserved) return ack({ ok: false });
      const message: FloorMessage = {
        _id: `${conversationId.toHexString()}:${clientMessageId}`,
        conversationId,
        seq: reserved.seq,
        sender: 'customer',
        clientMessageId,
        text,
        createdAt: new Date(),
      };
      await store.insert(message);
      ack({ ok: true, message, duplicate: false });
      broadcast(room, message);

      const turned = await store.turn(conversationId, reserved.version);
      if (!turned) return;
      const replyId = `bot#${clientMessageId}#0`;
      const reply: FloorMessage = {
        _id: `${conversationId.toHexString()}:${replyId}`,
        conversationId,
        seq: turned.seq,
        sender: 'bot',
        clientMessageId: replyId,
        text: `You said: ${text}`,
        createdAt: new Date(),
      };
      await store.insertReplies([reply]);
      broadcast(room, reply);
    });
  });

  http.listen(0, '127.0.0.1', () => {
    const { port } = http.address() as AddressInfo;
    process.stdout.write(`ready ${port}\n`);
  });

  process.on('SIGTERM', () => {
    void io.close(() => void store.close().finally(() => process.exit(0)));
  });
}

main().catch((error: Error) => {
  process.stderr.write(`floor server: ${error.message}\n`);
  process.exit(1);
});
