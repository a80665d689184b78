import { Injectable, Logger } from '@nestjs/common';
import { Incident } from './incident.schema';
import { IncidentsRepository } from './incidents.repository';
import { DeliverJob, eventKeyOf, NoticeEventJob } from './notices.constants';
import { NoticesQueue } from './notices.queue';
import { NoticesRepository } from './notices.repository';

/** A restoration's notices are owed for this long; after it a notice would be old news. */
const RESTORED_OWED_MS = 24 * 3600_000;
const BATCH = 200;

/**
 * Notices are derived from MongoDB, so Redis losing its jobs loses none: the incidents' repair
 * job (IncidentRepairsService) compares each incident's latest events with its notice records,
 * and queues a delivery for every active subscription made before the event that has no record
 * of it. Queued twice, a delivery still sends once (the record, and the channel's idempotency
 * key).
 */
@Injectable()
export class NoticeRepairService {
  private readonly logger = new Logger(NoticeRepairService.name);

  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly notices: NoticesRepository,
    private readonly queue: NoticesQueue,
  ) {}

  /** Queues what is owed; returns how many deliveries. */
  async run(now = new Date()): Promise<number> {
    let queued = 0;
    const since = new Date(now.getTime() - RESTORED_OWED_MS);
    for (const incident of await this.incidents.listNotifiable(since, BATCH)) {
      queued += await this.repair(incident);
    }
    if (queued > 0) this.logger.warn(`re-queued ${queued} notice deliveries lost on the way`);
    return queued;
  }

  private async repair(incident: Incident): Promise<number> {
    const events: { job: NoticeEventJob; at: Date }[] = [];
    if (incident.status === 'restored' && incident.restoredAt) {
      events.push({
        job: { incidentId: incident._id, event: 'restored', n: 1 },
        at: incident.restoredAt,
      });
    } else if (incident.etaVersion > 0 && incident.etaChangedAt) {
      events.push({
        job: { incidentId: incident._id, event: 'eta', n: incident.etaVersion },
        at: incident.etaChangedAt,
      });
    }
    if (events.length === 0) return 0;
    const [subscriptions, recorded] = await Promise.all([
      this.notices.activeSubscriptionsOf(incident._id),
      this.notices.noticeIdsOf(incident._id),
    ]);
    const owed: DeliverJob[] = [];
    for (const { job, at } of events) {
      for (const s of subscriptions) {
        if (s.createdAt.getTime() > at.getTime()) continue;
        if (!recorded.has(`${s._id}:${eventKeyOf(job)}`))
          owed.push({ ...job, subscriptionId: s._id });
      }
    }
    await this.queue.deliver(owed);
    return owed.length;
  }
}
