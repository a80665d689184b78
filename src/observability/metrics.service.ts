import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

const WAIT_BUCKETS = [1, 5, 10, 20, 30, 60, 120, 300, 600, 1800, 3600];

/**
 * The service's Prometheus metrics, in one registry per app instance (tests boot several apps
 * in one process; a global registry would mix them). Names follow Prometheus conventions.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  /** Every command sent to MongoDB, by name: the message path's round trips are counted here. */
  readonly dbCommands = new Counter({
    name: 'powerdesk_db_commands_total',
    help: 'MongoDB commands sent, by command name',
    labelNames: ['command'],
    registers: [this.registry],
  });

  /** Time the store took to answer, by command (the driver's measured duration). */
  readonly dbCommandSeconds = new Histogram({
    name: 'powerdesk_db_command_seconds',
    help: 'MongoDB command durations as the driver measured them, by command name',
    labelNames: ['command'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  readonly customerMessages = new Counter({
    name: 'powerdesk_customer_messages_total',
    help: 'Customer messages stored (resends not counted)',
    registers: [this.registry],
  });

  readonly ackSeconds = new Histogram({
    name: 'powerdesk_message_ack_seconds',
    help: 'From a customer message arriving to its acknowledgement (stored)',
    buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  readonly turnSeconds = new Histogram({
    name: 'powerdesk_bot_turn_seconds',
    help: "From a stored customer message to the bot's replies stored",
    labelNames: ['outcome'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  /** From a ticket (re)entering the queue to an agent having it: what customers wait for. */
  readonly queueWaitSeconds = new Histogram({
    name: 'powerdesk_ticket_queue_wait_seconds',
    help: 'From a ticket queued (or put back) to its assignment to an agent',
    buckets: WAIT_BUCKETS,
    registers: [this.registry],
  });

  /** Every offer and how each ended: offered, accepted, declined, lapsed (timed out). */
  readonly offers = new Counter({
    name: 'powerdesk_ticket_offers_total',
    help: 'Ticket offers to agents, by outcome (offered, accepted, declined, lapsed)',
    labelNames: ['outcome'],
    registers: [this.registry],
  });

  readonly dispatchRuns = new Counter({
    name: 'powerdesk_dispatch_runs_total',
    help: 'Dispatcher runs (each plans offers for the waiting tickets)',
    registers: [this.registry],
  });

  readonly dispatchOffers = new Counter({
    name: 'powerdesk_dispatch_offers_total',
    help: 'Offers the dispatcher runs made',
    registers: [this.registry],
  });

  readonly dispatchSeconds = new Histogram({
    name: 'powerdesk_dispatch_seconds',
    help: 'Duration of one dispatcher run',
    buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [this.registry],
  });

  constructor() {
    // Event-loop lag, heap, CPU: prom-client's standard process metrics.
    collectDefaultMetrics({ register: this.registry, prefix: 'powerdesk_' });
  }

  /** Total database commands so far (all names), for benchmarks that diff two readings. */
  async dbCommandTotal(): Promise<number> {
    const metric = await this.dbCommands.get();
    return metric.values.reduce((sum, v) => sum + v.value, 0);
  }
}
