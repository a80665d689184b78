import { Injectable, Logger } from '@nestjs/common';
import { maskPii } from '../../common/pii-masker';

/** Where an SMS goes out: a gateway's HTTP API in production, the loopback in the demo and tests. */
export abstract class SmsProvider {
  abstract readonly name: string;
  abstract send(to: string, text: string): Promise<void>;
}

export interface SentSms {
  /** Masked: the loopback keeps what a log may hold, never the number in clear. */
  to: string;
  text: string;
  at: Date;
}

/**
 * Sends nothing: records each text (the number masked) so the demo and the tests can see what a
 * customer would have received. A real gateway's provider implements the same class.
 */
@Injectable()
export class LoopbackSmsProvider extends SmsProvider {
  readonly name = 'loopback';
  private readonly logger = new Logger(LoopbackSmsProvider.name);
  private readonly sent: SentSms[] = [];

  send(to: string, text: string): Promise<void> {
    const record = { to: maskPii(to).text, text, at: new Date() };
    this.sent.push(record);
    if (this.sent.length > 1000) this.sent.shift();
    this.logger.debug(`sms to ${record.to}: ${text.length} characters`);
    return Promise.resolve();
  }

  /** What this process "sent" (tests and the demo). */
  outbox(): readonly SentSms[] {
    return this.sent;
  }
}
