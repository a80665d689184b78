import { createServer } from 'http';
import { AddressInfo } from 'net';
import { Server } from 'socket.io';

/**
 * The baseline of the chat benchmark: a bare socket.io server speaking the customer protocol's
 * shape (same namespace, same events, an ack and then one reply event per message) with no
 * validation, database, bot or rooms. What the service costs on top of socket.io itself is the
 * difference between the two runs.
 *
 * Started as a child process by chat.bench.ts; prints `ready <port>` once it listens.
 */

type Ack = (body: unknown) => void;

interface SendBody {
  clientMessageId?: unknown;
  text?: unknown;
}

// The service's default frame limit, so both servers parse frames under the same cap.
const MAX_BYTES = 16384;

const http = createServer();
const io = new Server(http, { maxHttpBufferSize: MAX_BYTES, serveClient: false });
let seq = 0;

io.of('/customer').on('connection', (socket) => {
  const conversationId = `echo-${socket.id}`;

  socket.on('conversation:start', (_body: unknown, ack: Ack) => {
    ack({ ok: true, conversation: { id: conversationId }, resumeToken: 'echo', messages: [] });
  });

  socket.on('message:send', (body: SendBody, ack: Ack) => {
    const text = typeof body?.text === 'string' ? body.text : '';
    const clientMessageId = typeof body?.clientMessageId === 'string' ? body.clientMessageId : '';
    const createdAt = new Date().toISOString();
    seq += 1;
    ack({
      ok: true,
      message: { conversationId, seq, sender: 'customer', clientMessageId, text, createdAt },
      duplicate: false,
    });
    seq += 1;
    // Same order as the service: the ack first, the bot's reply as a separate event after it.
    socket.emit('message:created', {
      conversationId,
      seq,
      sender: 'bot',
      clientMessageId: `bot#${clientMessageId}#0`,
      text,
      createdAt,
    });
  });
});

http.listen(0, '127.0.0.1', () => {
  const { port } = http.address() as AddressInfo;
  process.stdout.write(`ready ${port}\n`);
});

// The parent ends us with SIGTERM; close sockets so the exit is immediate and clean.
process.on('SIGTERM', () => {
  void io.close(() => process.exit(0));
});
