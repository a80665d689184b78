import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ClusterJobsService } from '../jobs/cluster-jobs.service';
import { OutagesService } from '../utility/outages.service';
import { OutageView } from '../utility/utility.views';
import { recordsArea, recordsIncidentIdOf, recordsMove } from './grouping.policy';
import { IncidentSeed } from './incident.schema';
import { IncidentStatus } from './incident-status';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentsRepository } from './incidents.repository';

/** The records' active outages looked at per run (an OMS rarely has more open at once). */
const OPEN_BATCH = 200;

const OPEN: IncidentStatus[] = ['investigating', 'crew_dispatched', 'crew_on_site'];

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
    const record = {
      outageNo: outage.outageNo,
      cause: outage.cause,
      ...(outage.estimatedRestoration && { estimatedRestoration: outage.estimatedRestoration }),
    };
    const id = await this.decide(outage, now);
    const done = await this.updates.link(id, record, now);
    const counted = { $set: { affectedAccounts: outage.affectedCustomers, updatedAt: now } };
    if (!done) {
      // Linked already: by a customer's report that had the records (its incident lacks the
      // records' count), or by an earlier run of this job.
      const facts = await this.repository.change(id, OPEN, counted, {
        outageNo: outage.outageNo,
        affectedAccounts: { $exists: false },
      });
      if (facts) this.updates.told(facts);
      return false;
    }
    const facts = await this.repository.change(id, OPEN, counted);
    this.updates.told(facts ?? done);
    return true;
  }

  /**
   * The incident that takes the outage, decided by its areas' pointers: the live incident
   * customers opened there (it is linked instead of a second one), else the records' own
   * (`outage:<no>`), proposed on each area with one atomic conditional upsert (`claim`) and
   * inserted only after that. A customer's first report claiming the same pointer at the same
   * instant on another instance either wins (its incident is adopted) or joins this one.
   */
  private async decide(outage: OutageView, now: Date): Promise<string> {
    const area = recordsArea(outage);
    const seed: IncidentSeed = {
      _id: recordsIncidentIdOf(outage.outageNo),
      scope: area.scope,
      districtCode: outage.districtCode,
      ...(area.feederId && { feederId: area.feederId }),
      ...(area.scope === 'district' &&
        outage.feederIds.length > 1 && { feederIds: outage.feederIds }),
      openedAt: now,
      confirmed: true,
      affectedAccounts: outage.affectedCustomers,
    };
    const pointers = await this.repository.findAreas(area.keys);
    // Customers got there first: their incident is linked to the records, not doubled.
    for (const pointer of pointers) {
      const incident = await this.repository.incidentAt(pointer);
      if (recordsMove(incident, outage.outageNo, now, this.windowMs) === 'adopt')
        return pointer.incidentId;
    }
    let claimed = false;
    for (const key of area.keys) {
      let pointer = pointers.find((p) => p._id === key);
      for (let attempt = 0; attempt < 3; attempt++) {
        if (pointer?.incidentId === seed._id) {
          claimed = true;
          break;
        }
        const incident = pointer && (await this.repository.incidentAt(pointer));
        const move = recordsMove(incident, outage.outageNo, now, this.windowMs);
        // A first report won this area meanwhile: its incident takes the outage (unless
        // another area is the records' already; then it keeps its own reports).
        if (move === 'adopt' && !claimed && pointer) return pointer.incidentId;
        if (move !== 'claim') break;
        pointer = await this.repository.claim(key, outage.districtCode, seed, pointer?.incidentId);
      }
    }
    // Also when every area kept another outage's incident: reports with the records join this
    // one by id (IncidentsService.ofRecords).
    await this.repository.open(seed);
    return seed._id;
  }
}
