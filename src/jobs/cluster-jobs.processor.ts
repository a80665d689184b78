import { Process, Processor } from '@nestjs/bull';
import { Job } from 'bull';
import { CLUSTER_JOBS_QUEUE } from './cluster-jobs.constants';
import { ClusterJobsService } from './cluster-jobs.service';

/** One worker for every cluster task (`*`: any job name), one tick at a time per instance. */
@Processor(CLUSTER_JOBS_QUEUE)
export class ClusterJobsProcessor {
  constructor(private readonly jobs: ClusterJobsService) {}

  @Process({ name: '*', concurrency: 1 })
  run(job: Job): Promise<void> {
    return this.jobs.run(job);
  }
}
