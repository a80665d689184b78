import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ClusterJobsService } from '../jobs/cluster-jobs.service';
import { OutagesService } from '../utility/outages.service';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentsRepository } from './incidents.repository';
import { OutageIncidentsService } from './outage-incidents.service';

/** The records' active outages looked at per run (an OMS rarely has more open at once). */
const OPEN_BATCH = 200;

/**
 * The outage records (OutagesService: the utility boundary an OMS plugs into) open incidents:
 * an active unplanned outage with no incident gets one before any customer reports it, and the
 * linked incidents follow the records (IncidentUpdatesService.syncRecords). Run by one cluster
 * job (`incidents-sync-records`); which incident takes an outage is decided on its areas'
 * pointers (OutageIncidentsService), so two runs, a run retried on another instance, or a
 * customer's first report at the same instant make one.
 */
@Injectable()
export class RecordsIncidentsService implements OnApplicationBootstrap {
  constructor(
    private readonly repository: IncidentsRepository,
    private readonly updates: IncidentUpdatesService,
    private readonly outageIncidents: OutageIncidentsService,
    private readonly outages: OutagesService,
    private readonly jobs: ClusterJobsService,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.INCIDENT_SYNC_SECONDS === 0) return;
    this.jobs.every(
      'incidents-sync-records',
      this.config.INCIDENT_SYNC_SECONDS * 1000,
      async () => {
        // The linked incidents follow the records even if opening new ones failed this tick.
        try {
          await this.openFromRecords();
        } finally {
          await this.updates.syncRecords();
        }
      },
    );
  }

  /**
   * Opens (or links) an incident for every active unplanned outage of the records that has none.
   * Returns the outages that got one in this run.
   */
  async openFromRecords(now = new Date()): Promise<number> {
    const active = await this.outages.activeUnplanned(OPEN_BATCH);
    const linked = await this.repository.linkedOutageNos(active.map((o) => o.outageNo));
    let opened = 0;
    for (const outage of active.filter((o) => !linked.has(o.outageNo))) {
      if ((await this.outageIncidents.take(outage, now)).linked) opened++;
    }
    return opened;
  }
}
