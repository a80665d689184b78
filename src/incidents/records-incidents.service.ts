import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ClusterJobsService } from '../jobs/cluster-jobs.service';
import { OutagesService } from '../utility/outages.service';
import { OutageView } from '../utility/utility.views';
import { coversReport, recordsArea, recordsIncidentIdOf, takesReports } from './grouping.policy';
import { Incident } from './incident.schema';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentsRepository } from './incidents.repository';

/** The records' active outages looked at per run (an OMS rarely has more open at once). */
const OPEN_BATCH = 200;

/**
 * The outage records (OutagesService: the utility boundary an OMS plugs into) open incidents:
 * an active unplanned outage with no incident gets one before any customer reports it, and the
 * linked incidents follow the records (IncidentUpdatesService.syncRecords). Run by one cluster
 * job (`incidents-sync-records`); each outage's incident has an id derived from its number, so
 * two runs, or a run retried on another instance, open it once.
 */
@Injectable()
export class RecordsIncidentsService implements OnApplicationBootstrap {
  private readonly windowMs: number;

  constructor(
    private readonly repository: IncidentsRepository,
    private readonly updates: IncidentUpdatesService,
    private readonly outages: OutagesService,
    private readonly jobs: ClusterJobsService,
    private readonly config: AppConfig,
  ) {
    this.windowMs = config.INCIDENT_WINDOW_MINUTES * 60_000;
  }

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
      if (await this.openFor(outage, now)) opened++;
    }
    return opened;
  }

  private async openFor(outage: OutageView, now: Date): Promise<boolean> {
    const area = recordsArea(outage);
    const record = {
      outageNo: outage.outageNo,
      cause: outage.cause,
      ...(outage.estimatedRestoration && { estimatedRestoration: outage.estimatedRestoration }),
    };
    // Customers got there first: their incident is linked to the records, not doubled.
    const reported = await this.reportedIncident(area.keys, outage, now);
    const id = reported?._id ?? recordsIncidentIdOf(outage.outageNo);
    if (!reported) {
      await this.repository.open({
        _id: id,
        scope: area.scope,
        districtCode: outage.districtCode,
        ...(area.feederId && { feederId: area.feederId }),
        ...(area.scope === 'district' &&
          outage.feederIds.length > 1 && { feederIds: outage.feederIds }),
        openedAt: now,
        confirmed: true,
        affectedAccounts: outage.affectedCustomers,
      });
      await this.pointAreas(area.keys, outage.districtCode, id, now);
    }
    const done = await this.updates.link(id, record, now);
    if (!done) return false;
    const facts = await this.repository.change(
      id,
      ['investigating', 'crew_dispatched', 'crew_on_site'],
      { $set: { affectedAccounts: outage.affectedCustomers, updatedAt: now } },
    );
    this.updates.told(facts ?? done);
    return true;
  }

  /**
   * Points the outage's areas at its incident, unless an area already points at another live
   * incident (linked to another outage): that one keeps its reports.
   */
  private async pointAreas(keys: string[], districtCode: string, id: string, now: Date) {
    const pointers = await this.repository.findAreas(keys);
    for (const key of keys) {
      const current = pointers.find((p) => p._id === key)?.incidentId;
      if (current && current !== id) {
        const incident = await this.repository.get(current);
        if (incident && takesReports(incident, now, this.windowMs)) continue;
      }
      await this.repository.point(key, districtCode, id, current);
    }
  }

  /** An open, customer-reported incident of the outage's area not linked to any outage yet. */
  private async reportedIncident(
    keys: string[],
    outage: OutageView,
    now: Date,
  ): Promise<Incident | undefined> {
    const pointers = await this.repository.findAreas(keys);
    for (const pointer of pointers) {
      const incident = await this.repository.get(pointer.incidentId);
      if (
        incident &&
        incident.outageNo === undefined &&
        takesReports(incident, now, this.windowMs) &&
        coversReport(pointer._id, { districtCode: outage.districtCode }, incident)
      )
        return incident;
    }
    return undefined;
  }
}
