import { Process, Processor } from '@nestjs/bull';
import { Job } from 'bull';
import { DeliverJob, NoticeEventJob, NoticeJobs, NOTICES_QUEUE } from './notices.constants';
import { NoticesService } from './notices.service';

/** The notices queue's one processor; errors are rethrown so Bull retries with backoff. */
@Processor(NOTICES_QUEUE)
export class NoticesProcessor {
  constructor(private readonly notices: NoticesService) {}

  @Process(NoticeJobs.fanout)
  async fanout(job: Job<NoticeEventJob>): Promise<void> {
    await this.notices.fanout(job.data);
  }

  @Process({ name: NoticeJobs.deliver, concurrency: 8 })
  async deliver(job: Job<DeliverJob>): Promise<void> {
    await this.notices.deliver(job.data);
  }
}
