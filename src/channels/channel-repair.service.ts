import { InjectQueue } from '@nestjs/bull';
import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Queue } from 'bull';
import { ClusterJobsService } from '../jobs/cluster-jobs.service';
import { ChannelOutboxRepository } from './channel-outbox.repository';
import { CHANNELS_QUEUE, DeliverJob, deliverJobOptions } from './channel-relay';

const JOB = 'channel-deliveries-repair';
const EVERY_MS = 60_000;
/** Longer than a delivery's own retries take (6 attempts, 1 s doubling: about 31 s). */
const OWED_FOR_MS = 2 * 60_000;
/** A reply this late would confuse more than help: it is dropped, and said so in the log. */
export const GIVE_UP_AFTER_MS = 6 * 3600_000;
const BATCH = 200;

export interface ChannelRepairRun {
  requeued: number;
  retried: number;
  abandoned: number;
}

/**
 * Deliveries are derived from MongoDB, so Redis losing a job (or a channel down for longer than
 * a job's retries) loses no message to an SMS or WeChat customer: once a minute, somewhere in the
 * cluster, every delivery still owed after two minutes gets its job again. The job's id is the
 * message's, so one still in Redis is left alone, a failed one is retried, and a missing one is
 * queued; the delivery record makes a repeated job send nothing twice.
 */
@Injectable()
export class ChannelRepairService implements OnApplicationBootstrap {
  private readonly logger = new Logger(ChannelRepairService.name);

  constructor(
    private readonly outbox: ChannelOutboxRepository,
    @InjectQueue(CHANNELS_QUEUE) private readonly queue: Queue<DeliverJob>,
    private readonly jobs: ClusterJobsService,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every(JOB, EVERY_MS, ({ at }) => this.run(at).then(() => undefined));
  }

  async run(now = new Date()): Promise<ChannelRepairRun> {
    const done = { requeued: 0, retried: 0 };
    const dropped: string[] = [];
    const owed = await this.outbox.overdue(new Date(now.getTime() - OWED_FOR_MS), BATCH);
    for (const { job, at } of owed) {
      if (now.getTime() - at.getTime() > GIVE_UP_AFTER_MS) {
        await this.outbox.settle(job.messageId);
        dropped.push(job.messageId);
        continue;
      }
      const queued = await this.queue.getJob(deliverJobOptions(job.messageId).jobId as string);
      if (!queued) {
        await this.queue.add('deliver', job, deliverJobOptions(job.messageId));
        done.requeued++;
      } else if (await queued.isFailed()) {
        await queued.retry();
        done.retried++;
      }
    }
    if (done.requeued + done.retried + dropped.length > 0) {
      // Message ids only: the texts may hold what a customer or an agent typed.
      this.logger.warn(
        `channel deliveries owed: ${done.requeued} queued again, ${done.retried} retried, ` +
          `${dropped.length} dropped after ${GIVE_UP_AFTER_MS / 3600_000} h` +
          (dropped.length > 0 ? ` (${dropped.join(', ')})` : ''),
      );
    }
    return { ...done, abandoned: dropped.length };
  }
}
