import { Injectable } from '@nestjs/common';
import { InjectConnection } from '@nestjs/mongoose';
import { Connection } from 'mongoose';
import { TicketQueueService } from '../tickets/ticket-queue.service';

/** A probe answers within this, up or down: a hung store must not hang the load balancer. */
export const PING_TIMEOUT_MS = 1000;

/** One round trip to each store, bounded in time; shared by /health and /health/ready. */
@Injectable()
export class StorePings {
  constructor(
    @InjectConnection() private readonly mongo: Connection,
    private readonly queue: TicketQueueService,
  ) {}

  /** Redis as Bull sees it (the ticket queue's client), with its own 1 s timeout. */
  redis(): Promise<boolean> {
    return this.queue.ping();
  }

  async mongodb(): Promise<boolean> {
    const db = this.mongo.db;
    if (this.mongo.readyState !== 1 || !db) return false;
    const timeout = new Promise<false>((resolve) =>
      setTimeout(() => resolve(false), PING_TIMEOUT_MS).unref(),
    );
    const ping = db
      .command({ ping: 1 })
      .then((r) => r.ok === 1)
      .catch(() => false);
    return Promise.race([ping, timeout]);
  }
}
