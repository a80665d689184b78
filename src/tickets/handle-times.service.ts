import { Injectable, Logger } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { HandleTimesRepository } from './handle-times.repository';
import { TicketEvent, TicketEvents } from './ticket.events';
import { plannedHandleSeconds } from './wait-estimate';

/** Kept this long per instance: dispatch runs ask for it on every change of the queue. */
const CACHE_MS = 30_000;

/** Measured handle times: every resolution adds one; the wait estimate plans with them. */
@Injectable()
export class HandleTimesService {
  private readonly logger = new Logger(HandleTimesService.name);
  private cache?: { value: number; until: number };

  constructor(private readonly times: HandleTimesRepository) {}

  /** Heard on the instance that resolved the ticket, so each resolution is recorded once. */
  @OnEvent(TicketEvents.resolved)
  async onResolved({ ticket }: TicketEvent): Promise<void> {
    if (ticket.handleSeconds === undefined) return;
    // A statistic: a lost sample costs nothing but a slightly older mean.
    await this.times
      .record(ticket.handleSeconds)
      .catch((error: Error) => this.logger.warn(`handle time not recorded: ${error.message}`));
    this.cache = undefined;
  }

  /** The handle time the wait estimate plans with (see wait-estimate.ts). */
  async plannedSeconds(): Promise<number> {
    if (this.cache && this.cache.until > Date.now()) return this.cache.value;
    const value = plannedHandleSeconds(await this.times.latest());
    this.cache = { value, until: Date.now() + CACHE_MS };
    return value;
  }
}
