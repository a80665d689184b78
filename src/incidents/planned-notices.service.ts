import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ClusterJobsService } from '../jobs/cluster-jobs.service';
import { SERVICE_AREA } from '../nlu/service-area';
import { OutagesService } from '../utility/outages.service';
import { plannedFeedOf } from './notices.constants';
import { NoticesRepository } from './notices.repository';
import { NoticesService } from './notices.service';

/** How often the cluster looks for planned outages starting within a day. */
const EVERY_MS = 15 * 60_000;
const DAY_MS = 24 * 3600_000;

/**
 * The day-before notices of planned outages to the subscribers of their district. A cluster-once
 * job finds the planned outages starting within the next day (from the outage records) and
 * schedules each one's fan-out once: a run record per outage, written after the fan-out is
 * queued, so a crash in between schedules it again (and the notice records keep that once).
 */
@Injectable()
export class PlannedNoticesService implements OnApplicationBootstrap {
  constructor(
    private readonly outages: OutagesService,
    private readonly notices: NoticesService,
    private readonly repository: NoticesRepository,
    private readonly jobs: ClusterJobsService,
  ) {}

  onApplicationBootstrap(): void {
    this.jobs.every('planned-outage-notices', EVERY_MS, ({ at }) => this.run(at));
  }

  /** Schedules what is due at `now`; returns how many planned outages were scheduled. */
  async run(now = new Date()): Promise<number> {
    let scheduled = 0;
    for (const district of SERVICE_AREA) {
      const upcoming = await this.outages.upcomingPlanned(district.code, now, 20);
      for (const outage of upcoming) {
        if (new Date(outage.startAt).getTime() - now.getTime() > DAY_MS) continue;
        const runId = `planned:${outage.outageNo}`;
        if (await this.repository.hasRun(runId)) continue;
        await this.notices.schedule({
          incidentId: plannedFeedOf(district.code),
          event: 'planned',
          n: 1,
          key: outage.outageNo,
        });
        await this.repository.recordRun(runId, now);
        scheduled++;
      }
    }
    return scheduled;
  }
}
