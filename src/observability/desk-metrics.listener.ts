import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Gauge } from 'prom-client';
import { OfferLapsedEvent, TicketEvent, TicketEvents } from '../tickets/ticket.events';
import { IoServers, NAMESPACES } from './io-servers';
import { about } from './log-fields';
import { MetricsService } from './metrics.service';
import { acceptedAnOffer, queueWaitSeconds } from './queue-wait';

/** What the dispatcher reports after each run (emitted by the agents module). */
export interface DispatchRanEvent {
  offers: number;
  ms: number;
}

export const DISPATCH_RAN = 'dispatch.ran';

/**
 * The agent desk's metrics, from the domain events (this module only listens) and from the
 * socket servers at scrape time. Counted where the event is emitted: this instance's share.
 */
@Injectable()
export class DeskMetricsListener implements OnModuleInit {
  private readonly logger = new Logger(DeskMetricsListener.name);

  constructor(
    private readonly metrics: MetricsService,
    private readonly sockets: IoServers,
  ) {}

  onModuleInit(): void {
    const sockets = this.sockets;
    new Gauge({
      name: 'powerdesk_sockets_connected',
      help: 'Sockets connected to this instance, by namespace',
      labelNames: ['namespace'],
      registers: [this.metrics.registry],
      collect() {
        for (const namespace of NAMESPACES)
          this.set({ namespace }, sockets.localSockets(namespace));
      },
    });
  }

  @OnEvent(TicketEvents.offered)
  offered(): void {
    this.metrics.offers.inc({ outcome: 'offered' });
  }

  @OnEvent(TicketEvents.offerLapsed)
  lapsed(event: OfferLapsedEvent): void {
    this.metrics.offers.inc({ outcome: event.why === 'declined' ? 'declined' : 'lapsed' });
  }

  @OnEvent(TicketEvents.assigned)
  assigned({ ticket }: TicketEvent): void {
    if (acceptedAnOffer(ticket)) this.metrics.offers.inc({ outcome: 'accepted' });
    const waited = queueWaitSeconds(ticket);
    if (waited === undefined) return;
    this.metrics.queueWaitSeconds.observe(waited);
    this.logger.debug(
      about(
        { ticketId: ticket.id, conversationId: ticket.conversationId },
        `assigned after ${waited} s`,
      ),
    );
  }

  @OnEvent(DISPATCH_RAN)
  dispatchRan(event: DispatchRanEvent): void {
    this.metrics.dispatchRuns.inc();
    if (Number.isFinite(event.offers) && event.offers > 0)
      this.metrics.dispatchOffers.inc(event.offers);
    if (Number.isFinite(event.ms) && event.ms >= 0)
      this.metrics.dispatchSeconds.observe(event.ms / 1000);
  }
}
