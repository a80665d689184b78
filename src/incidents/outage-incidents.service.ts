import { Injectable } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutageView } from '../utility/utility.views';
import { outageKeyOf, recordsArea, recordsIncidentIdOf, recordsMove } from './grouping.policy';
import { Incident, IncidentSeed } from './incident.schema';
import { IncidentStatus } from './incident-status';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentsRepository } from './incidents.repository';

const OPEN: IncidentStatus[] = ['investigating', 'crew_dispatched', 'crew_on_site'];

/**
 * Which incident takes a records' outage, decided on the pointers of the outage's areas, for
 * both of the sides that may get there first: the records' job (RecordsIncidentsService) and a
 * customer's report that has the records but finds no incident linked to them
 * (IncidentsService). Only this service links an incident to an outage.
 */
@Injectable()
export class OutageIncidentsService {
  private readonly windowMs: number;

  constructor(
    private readonly repository: IncidentsRepository,
    private readonly updates: IncidentUpdatesService,
    config: AppConfig,
  ) {
    this.windowMs = config.INCIDENT_WINDOW_MINUTES * 60_000;
  }

  /**
   * The outage's incident, linked to it (with its cause, estimate and count of customers out).
   * `linked`: this call linked it (a run that finds it linked already says false).
   */
  async take(outage: OutageView, now: Date): Promise<{ incident: Incident; linked: boolean }> {
    const record = {
      outageNo: outage.outageNo,
      cause: outage.cause,
      ...(outage.estimatedRestoration && { estimatedRestoration: outage.estimatedRestoration }),
    };
    const id = await this.decide(outage, now);
    const done = await this.updates.link(id, record, now);
    const incident = done ?? (await this.repository.get(id));
    // Reports with the records find it by the outage from now on, from whichever area. Written
    // after the link: a crash in between leaves it to the next decision (which adopts it).
    if (incident?.outageNo === outage.outageNo)
      await this.repository.claim(
        outageKeyOf(outage.outageNo),
        outage.districtCode,
        seedOf(incident),
      );
    const counted = { $set: { affectedAccounts: outage.affectedCustomers, updatedAt: now } };
    if (!done) {
      // Linked already (by a concurrent run of this decision): the customers' incident it
      // adopted may still lack the records' count.
      const facts = await this.repository.change(id, OPEN, counted, {
        outageNo: outage.outageNo,
        affectedAccounts: { $exists: false },
      });
      if (facts) this.updates.told(facts);
      return { incident: facts ?? (incident as Incident), linked: false };
    }
    const facts = await this.repository.change(id, OPEN, counted);
    this.updates.told(facts ?? done);
    return { incident: facts ?? done, linked: true };
  }

  /**
   * The live incident customers opened on one of the outage's areas (it is linked instead of a
   * second one), else the records' own (`outage:<no>`), proposed on each area with one atomic
   * conditional upsert (`claim`) and inserted only after that. A first report claiming the same
   * pointer at the same instant on another instance either wins (its incident is adopted) or
   * joins this one. Areas still free then point at the chosen incident too.
   */
  private async decide(outage: OutageView, now: Date): Promise<string> {
    const area = recordsArea(outage);
    const own: IncidentSeed = {
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
    const outageKey = outageKeyOf(outage.outageNo);
    const found = await this.repository.findAreas([outageKey, ...area.keys]);
    // Decided already (a rerun, or a report that got there first).
    const decided = found.find((p) => p._id === outageKey);
    if (decided) return ((await this.repository.incidentAt(decided)) ?? own)._id;
    const pointers = found.filter((p) => p._id !== outageKey);
    let seed = own;
    for (const pointer of pointers) {
      const incident = await this.repository.incidentAt(pointer);
      if (incident && recordsMove(incident, outage.outageNo, now, this.windowMs) === 'adopt') {
        seed = seedOf(incident);
        break;
      }
    }
    let claimed = seed !== own;
    for (const key of area.keys) {
      let pointer = pointers.find((p) => p._id === key);
      for (let attempt = 0; attempt < 3; attempt++) {
        if (pointer?.incidentId === seed._id) {
          claimed = true;
          break;
        }
        const incident = pointer && (await this.repository.incidentAt(pointer));
        const move = recordsMove(incident, outage.outageNo, now, this.windowMs);
        // A first report won this area meanwhile: its incident takes the outage, unless an
        // area is this decision's already (then the report's incident keeps its reports).
        if (move === 'adopt' && !claimed && incident) seed = seedOf(incident);
        if (move !== 'claim') {
          claimed ||= seed !== own;
          break;
        }
        pointer = await this.repository.claim(key, outage.districtCode, seed, pointer?.incidentId);
      }
    }
    // Also when every area kept another outage's incident: a report with the records finds
    // this one by the outage's pointer (IncidentsService).
    if (seed === own) await this.repository.open(own);
    return seed._id;
  }
}

/** An existing incident as a pointer's seed (it is never inserted from it: it exists). */
function seedOf(incident: Incident): IncidentSeed {
  return {
    _id: incident._id,
    scope: incident.scope,
    districtCode: incident.districtCode,
    ...(incident.feederId && { feederId: incident.feederId }),
    openedAt: incident.openedAt,
    confirmed: incident.confirmed,
  };
}
