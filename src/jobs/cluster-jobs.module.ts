import { BullModule } from '@nestjs/bull';
import { Global, Module } from '@nestjs/common';
import { CLUSTER_JOBS_QUEUE } from './cluster-jobs.constants';
import { ClusterJobsProcessor } from './cluster-jobs.processor';
import { ClusterJobsService } from './cluster-jobs.service';

/** Periodic tasks run once per cluster (see ClusterJobsService), for any module. */
@Global()
@Module({
  imports: [BullModule.registerQueue({ name: CLUSTER_JOBS_QUEUE })],
  providers: [ClusterJobsService, ClusterJobsProcessor],
  exports: [ClusterJobsService],
})
export class ClusterJobsModule {}
