import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ClusterJobsService } from '../jobs/cluster-jobs.service';
import { CallbackRecountService } from './callback-recount.service';
import { NoticeRepairService } from './notice-repair.service';

/**
 * The name the job had when it repaired notices only: a new name would leave the old schedule
 * ticking in Redis (ClusterJobsService drops only a changed interval of the same name).
 */
const JOB = 'incident-notices-repair';
const EVERY_MS = 60_000;

/**
 * The incidents' repair tick, once a minute somewhere in the cluster: what MongoDB says is owed
 * and a second write never did. It queues lost notices (NoticeRepairService) and recounts the
 * incidents' open callbacks (CallbackRecountService). Both are idempotent.
 */
@Injectable()
export class IncidentRepairsService implements OnApplicationBootstrap {
  constructor(
    private readonly notices: NoticeRepairService,
    private readonly callbacks: CallbackRecountService,
    private readonly jobs: ClusterJobsService,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every(JOB, EVERY_MS, ({ at }) => this.run(at));
  }

  /** The job's handler; the recount runs even when the notices' repair failed this tick. */
  async run(at = new Date()): Promise<{ noticesQueued: number; countsCorrected: number }> {
    let noticesQueued = 0;
    let countsCorrected = 0;
    try {
      noticesQueued = await this.notices.run(at);
    } finally {
      countsCorrected = await this.callbacks.run(at);
    }
    return { noticesQueued, countsCorrected };
  }
}
