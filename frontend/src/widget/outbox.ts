// Messages on their way: sent in order, each with one clientMessageId across its retries, so a
// lost ack or a reconnect can never store a message twice.
import type { Ack, MessageView } from '../shared/protocol';
import type { Pending, WidgetState } from './state';
import { word } from './words';

const MAX_TRIES = 6;

export interface OutboxPorts {
  command(event: string, body: Record<string, unknown>): Promise<Ack<Record<string, unknown>>>;
  stored(message: MessageView): void;
  render(): void;
  showError(text: string): void;
}

export class Outbox {
  constructor(
    private readonly state: WidgetState,
    private readonly ports: OutboxPorts,
  ) {}

  /** Sends every pending message in order. */
  flush(): void {
    if (!this.state.attached) return;
    for (const p of this.state.pending.values()) {
      if (!p.inFlight && !p.failed) void this.deliver(p);
    }
  }

  retry(p: Pending): void {
    p.failed = false;
    p.tries = 0;
    this.flush();
    this.ports.render();
  }

  private async deliver(p: Pending): Promise<void> {
    const s = this.state;
    p.inFlight = true;
    p.tries += 1;
    const ack = await this.ports.command('message:send', { clientMessageId: p.id, text: p.text });
    p.inFlight = false;
    if (ack.ok) {
      const message = ack.message as MessageView;
      this.ports.stored(message);
      s.pending.delete(p.id);
      // The bot may have answered before the ack arrived: then nobody is typing any more.
      const answered = [...s.messages.values()].some(
        (m) => m.sender !== 'customer' && m.seq > message.seq,
      );
      if (answered) s.typingUntil = 0;
      this.ports.render();
      return;
    }
    if (ack.error.code === 'VALIDATION') {
      s.pending.delete(p.id);
      s.typingUntil = 0;
      this.ports.showError(word(s.lang, 'error', { message: ack.error.message }));
      this.ports.render();
      return;
    }
    // TIMEOUT (ack lost), UNAVAILABLE (nothing stored), CONFLICT (socket not attached yet after
    // a reconnect): resending with the same clientMessageId can never store the message twice.
    if (p.tries >= MAX_TRIES) {
      p.failed = true;
      s.typingUntil = 0;
    } else if (s.attached) {
      setTimeout(
        () => {
          if (s.pending.has(p.id) && !p.inFlight && s.attached) void this.deliver(p);
        },
        Math.min(1000 * p.tries, 5000),
      );
    }
    this.ports.render();
  }
}
