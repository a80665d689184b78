import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../config/app-config';

/**
 * Shared state that must hold across instances (login throttles, session revocations), in the
 * Redis Bull already uses. Every key and channel is under `<QUEUE_PREFIX>:` so that tests and
 * services can share one Redis. A second connection is opened only for subscriptions, as Redis
 * requires.
 */
@Injectable()
export class RedisService implements OnModuleDestroy {
  private readonly logger = new Logger(RedisService.name);
  readonly prefix: string;
  private commandClient?: Redis;
  private subscriber?: Redis;
  private readonly handlers = new Map<string, ((message: string) => void)[]>();
  private readonly resubscribed: (() => void)[] = [];

  constructor(private readonly config: AppConfig) {
    this.prefix = `${config.QUEUE_PREFIX}:`;
  }

  /** Created on first use, so a process that never needs it (the seed CLI) opens nothing. */
  get client(): Redis {
    this.commandClient ??= this.open();
    return this.commandClient;
  }

  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  async publish(channel: string, message: string): Promise<void> {
    await this.client.publish(this.key(channel), message);
  }

  async subscribe(channel: string, handler: (message: string) => void): Promise<void> {
    const full = this.key(channel);
    if (!this.subscriber) {
      this.subscriber = this.open();
      this.subscriber.on('message', (from: string, message: string) => {
        for (const h of this.handlers.get(from) ?? []) h(message);
      });
      let connectedBefore = false;
      this.subscriber.on('ready', () => {
        if (connectedBefore) for (const h of this.resubscribed) h();
        connectedBefore = true;
      });
    }
    // A caller retrying a failed subscription passes the same handler: it is kept once.
    const list = this.handlers.get(full) ?? [];
    if (!list.includes(handler)) this.handlers.set(full, [...list, handler]);
    await this.subscriber.subscribe(full);
  }

  /**
   * Runs `handler` whenever the subscription connection is back after a loss (ioredis then
   * subscribes again): what was published meanwhile was missed, and a subscriber may look for it.
   */
  onResubscribed(handler: () => void): void {
    this.resubscribed.push(handler);
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(
      [this.commandClient, this.subscriber].map((c) => c?.quit().catch(() => c.disconnect())),
    );
  }

  private open(): Redis {
    // No auto-pipelining here: with our Lua commands (defineCommand) it answers
    // "results[i] is not iterable" under load (ioredis#1931); the socket.io publisher has it.
    const client = new Redis(this.config.REDIS_URL, { maxRetriesPerRequest: 2 });
    client.on('error', (error: Error) => this.logger.warn(`redis: ${error.message}`));
    return client;
  }
}
