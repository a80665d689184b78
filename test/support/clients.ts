import request from 'supertest';
import { io, Socket } from 'socket.io-client';
import { DEMO_PASSWORD } from '../../src/seed/demo-seed.service';

export interface AckBody {
  ok: boolean;
  error?: { code: string; message: string; details?: Record<string, unknown> };
  [key: string]: unknown;
}

/** A socket.io client that records every server event it receives, for later assertions. */
export class RecordingClient {
  readonly received: { event: string; payload: unknown }[] = [];

  constructor(readonly socket: Socket) {
    socket.onAny((event: string, payload: unknown) => this.received.push({ event, payload }));
  }

  /** The resume token from this client's last conversation:start ack. */
  resumeToken?: string;

  async emit(event: string, ...args: unknown[]): Promise<AckBody> {
    const ack = (await this.socket.timeout(5000).emitWithAck(event, ...args)) as AckBody;
    if (event === 'conversation:start' && typeof ack.resumeToken === 'string')
      this.resumeToken = ack.resumeToken;
    return ack;
  }

  events<T>(event: string): T[] {
    return this.received.filter((r) => r.event === event).map((r) => r.payload as T);
  }

  /** Waits until an event matching `predicate` has arrived (or fails after `ms`). */
  async waitFor<T>(
    event: string,
    predicate: (payload: T) => boolean = () => true,
    ms = 8000,
  ): Promise<T> {
    const deadline = Date.now() + ms;
    for (;;) {
      const hit = this.events<T>(event).find(predicate);
      if (hit !== undefined) return hit;
      if (Date.now() > deadline) {
        throw new Error(
          `no ${event} matching within ${ms} ms; got: ${JSON.stringify(this.received).slice(0, 2000)}`,
        );
      }
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  close(): void {
    this.socket.disconnect();
  }
}

export async function connect(
  url: string,
  namespace: string,
  auth?: Record<string, unknown>,
): Promise<RecordingClient> {
  const socket = io(`${url}${namespace}`, {
    transports: ['websocket'],
    forceNew: true,
    reconnection: false,
    auth,
  });
  const client = new RecordingClient(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return client;
}

export async function login(url: string, username: string): Promise<string> {
  const response = await request(url)
    .post('/auth/login')
    .send({ username, password: DEMO_PASSWORD })
    .expect(200);
  return (response.body as { token: string }).token;
}

export async function connectAgent(url: string, username = 'agent.li'): Promise<RecordingClient> {
  return connect(url, '/agent', { token: await login(url, username) });
}

let counter = 0;
export function messageId(): string {
  counter += 1;
  return `t-${Date.now().toString(36)}-${counter}`;
}

/** A customer socket with a conversation started; `clients` collects it for closing. */
export async function startCustomer(
  url: string,
  language: 'zh' | 'en',
  clients: RecordingClient[],
): Promise<{ client: RecordingClient; conversationId: string }> {
  const client = await connect(url, '/customer');
  clients.push(client);
  const ack = await client.emit('conversation:start', { language });
  return { client, conversationId: (ack.conversation as { id: string }).id };
}

/** Sends a customer message and waits for its echo and the bot's answer. */
export async function sayToBot(client: RecordingClient, text: string): Promise<void> {
  const before = client.events('message:created').length;
  await client.emit('message:send', { clientMessageId: messageId(), text });
  await client.waitFor(
    'message:created',
    () => client.events('message:created').length > before + 1,
  );
}
