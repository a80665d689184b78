import { InjectQueue } from '@nestjs/bull';
import { Injectable } from '@nestjs/common';
import { JobOptions, Queue } from 'bull';
import {
  DeliverJob,
  eventKeyOf,
  NoticeEventJob,
  NoticeJobs,
  NOTICES_QUEUE,
} from './notices.constants';

const COMMON: JobOptions = {
  attempts: 6,
  backoff: { type: 'exponential', delay: 500 },
  removeOnComplete: true,
  removeOnFail: 1000,
};

/**
 * The door to Bull for notices. Job ids are derived from what they are about, so an event
 * scheduled twice (two instances, a records sync run again) is one job while it waits.
 */
@Injectable()
export class NoticesQueue {
  constructor(@InjectQueue(NOTICES_QUEUE) private readonly queue: Queue) {}

  async fanout(job: NoticeEventJob): Promise<void> {
    await this.queue.add(NoticeJobs.fanout, job, {
      ...COMMON,
      jobId: `fanout:${job.incidentId}:${eventKeyOf(job)}`,
    });
  }

  async deliver(jobs: DeliverJob[]): Promise<void> {
    if (jobs.length === 0) return;
    await this.queue.addBulk(
      jobs.map((data) => ({
        name: NoticeJobs.deliver,
        data,
        opts: { ...COMMON, jobId: `notice:${data.subscriptionId}:${eventKeyOf(data)}` },
      })),
    );
  }

  /** Waiting or running notice jobs (tests and the bench wait for zero). */
  async pending(): Promise<number> {
    const counts = await this.queue.getJobCounts();
    return counts.waiting + counts.active + counts.delayed;
  }
}
