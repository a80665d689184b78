import { performance } from 'node:perf_hooks';
import { Socket } from 'socket.io-client';
import { emit, HandshakeRefusal, openCustomer, TEXTS } from './customer-socket';

/** Messages the flooding socket keeps unanswered at once: it sends the next on every ack. */
const IN_FLIGHT = 64;

export interface FloodCounts {
  sent: number;
  accepted: number;
  rateLimited: number;
  /** Commands whose ack never came (in flight when the service closed the socket). */
  lost: number;
  otherErrors: number;
  /** Times the service closed the flooding socket, and handshakes it then refused. */
  disconnected: number;
  handshakesRefused: number;
}

/**
 * A script flooding `message:send` as a determined attacker would: when the service closes its
 * socket it opens a new one at once (and starts a conversation on it), and when a handshake is
 * refused it waits the retryAfterSeconds it was told, then tries again.
 */
export class Flooder {
  readonly counts: FloodCounts = {
    sent: 0,
    accepted: 0,
    rateLimited: 0,
    lost: 0,
    otherErrors: 0,
    disconnected: 0,
    handshakesRefused: 0,
  };
  private socket?: Socket;
  private opening?: Promise<void>;

  constructor(
    private readonly url: string,
    private readonly address: string,
    private readonly untilMs: number,
  ) {}

  async run(label: string): Promise<FloodCounts> {
    await Promise.all(Array.from({ length: IN_FLIGHT }, (_, lane) => this.lane(lane, label)));
    this.socket?.disconnect();
    return this.counts;
  }

  private async lane(lane: number, label: string): Promise<void> {
    while (performance.now() < this.untilMs) {
      const socket = await this.ready();
      if (!socket) return;
      this.counts.sent += 1;
      const ack = await emit(
        socket,
        'message:send',
        { clientMessageId: `${label}-${lane}-${this.counts.sent}`, text: TEXTS[lane % 5] },
        5_000,
      ).catch(() => ({ ok: false, error: { code: 'LOST' } }));
      if (ack.ok) this.counts.accepted += 1;
      else if (ack.error?.code === 'RATE_LIMITED') this.counts.rateLimited += 1;
      else if (ack.error?.code === 'LOST') this.counts.lost += 1;
      else this.counts.otherErrors += 1;
    }
  }

  /** The connected socket, opening a new one (once for all lanes) when it is gone. */
  private async ready(): Promise<Socket | undefined> {
    while (!this.socket?.connected) {
      if (performance.now() >= this.untilMs) return undefined;
      this.opening ??= this.open().finally(() => (this.opening = undefined));
      await this.opening;
    }
    return this.socket;
  }

  private async open(): Promise<void> {
    try {
      const socket = await openCustomer(this.url, this.address, 10_000);
      socket.once('disconnect', (reason) => {
        if (reason === 'io server disconnect') this.counts.disconnected += 1;
      });
      await emit(socket, 'conversation:start', { language: 'en' }, 10_000);
      this.socket = socket;
    } catch (error) {
      this.counts.handshakesRefused += 1;
      const retry = (
        error as HandshakeRefusal & { data?: { details?: { retryAfterSeconds?: number } } }
      ).data?.details?.retryAfterSeconds;
      const wait = Math.min((retry ?? 1) * 1000, Math.max(0, this.untilMs - performance.now()));
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}
