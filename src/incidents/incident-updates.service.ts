import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { UpdateQuery } from 'mongoose';
import { Bilingual } from '../common/bilingual';
import { DomainError } from '../common/domain-error';
import { OutagesService } from '../utility/outages.service';
import { areaKeysOf } from './grouping.policy';
import { Incident } from './incident.schema';
import { canMove, fromStatusesOf, IncidentStatus } from './incident-status';
import { IncidentEvents, IncidentUpdatedEvent } from './incident.events';
import { IncidentView, toIncidentView } from './incident.views';
import { IncidentsRepository } from './incidents.repository';
import { NoticesService } from './notices.service';

export interface IncidentChange {
  status?: IncidentStatus;
  etaAt?: Date;
  cause?: Bilingual;
}

const OPEN: IncidentStatus[] = ['investigating', 'crew_dispatched', 'crew_on_site'];

/** The records' sync handles this many linked incidents per run. */
const SYNC_BATCH = 200;

/**
 * Changes of an incident's cause, estimate and status, by staff or from the outage records
 * (OutagesService: the utility boundary an OMS plugs into). Each change is one conditional
 * update; an estimate that changed bumps `etaVersion` and the restoration happens once, and
 * only the writer that made the change schedules its notices.
 */
@Injectable()
export class IncidentUpdatesService {
  constructor(
    private readonly repository: IncidentsRepository,
    private readonly notices: NoticesService,
    private readonly outages: OutagesService,
    private readonly events: EventEmitter2,
  ) {}

  async update(id: string, change: IncidentChange, now = new Date()): Promise<IncidentView> {
    let incident = await this.repository.get(id);
    if (!incident) throw new DomainError('NOT_FOUND', 'No such incident');
    if (change.status && !canMove(incident.status, change.status)) {
      throw new DomainError(
        'CONFLICT',
        `An incident cannot go from ${incident.status} to ${change.status}`,
      );
    }
    if (change.cause) {
      incident = await this.apply(incident, OPEN, {
        $set: { causeZh: change.cause.zh, causeEn: change.cause.en, updatedAt: now },
      });
    }
    if (change.etaAt && change.etaAt.getTime() !== incident.etaAt?.getTime()) {
      const moved = await this.repository.change(
        id,
        OPEN,
        {
          $set: { etaAt: change.etaAt, etaChangedAt: now, updatedAt: now },
          $inc: { etaVersion: 1 },
        },
        { etaAt: incident.etaAt ?? { $exists: false } },
      );
      if (moved) {
        incident = moved;
        await this.notices.schedule({ incidentId: id, event: 'eta', n: moved.etaVersion });
      }
    }
    if (change.status === 'restored') return this.restore(id, now);
    if (change.status && change.status !== incident.status) {
      incident = await this.apply(incident, fromStatusesOf(change.status), {
        $set: { status: change.status, confirmed: true, updatedAt: now },
      });
    }
    return this.told(incident);
  }

  /** Power is back: once, whoever says it first (staff or the records). */
  async restore(id: string, now = new Date()): Promise<IncidentView> {
    const restored = await this.repository.change(id, fromStatusesOf('restored'), {
      $set: { status: 'restored', restoredAt: now, 'storm.on': false, updatedAt: now },
    });
    if (!restored) {
      const incident = await this.repository.get(id);
      if (!incident) throw new DomainError('NOT_FOUND', 'No such incident');
      return toIncidentView(incident);
    }
    for (const key of areaKeysOf(restored)) await this.repository.release(key, id);
    await this.notices.schedule({ incidentId: id, event: 'restored', n: 1 });
    return this.told(restored);
  }

  /** Links an incident to the records' outage, taking its cause and estimate. */
  async link(
    id: string,
    record: { outageNo: string; cause: Bilingual; estimatedRestoration?: string },
    now: Date,
  ): Promise<Incident | null> {
    const linked = await this.repository.change(
      id,
      OPEN,
      {
        $set: {
          outageNo: record.outageNo,
          confirmed: true,
          causeZh: record.cause.zh,
          causeEn: record.cause.en,
          updatedAt: now,
        },
      },
      { outageNo: { $exists: false } },
    );
    if (linked && record.estimatedRestoration) {
      await this.update(id, { etaAt: new Date(record.estimatedRestoration) }, now);
      return this.repository.get(id);
    }
    return linked;
  }

  /** Brings linked incidents up to date from the outage records (a cluster-once job). */
  async syncRecords(now = new Date()): Promise<number> {
    let changed = 0;
    for (const incident of await this.repository.listLinked(SYNC_BATCH)) {
      const outage = await this.outages.findByNumber(incident.outageNo as string);
      if (!outage) continue;
      if (outage.status === 'restored') {
        await this.restore(incident._id, outage.restoredAt ? new Date(outage.restoredAt) : now);
        changed++;
        continue;
      }
      const eta = outage.estimatedRestoration ? new Date(outage.estimatedRestoration) : undefined;
      const etaMoved = eta !== undefined && eta.getTime() !== incident.etaAt?.getTime();
      const causeMoved =
        outage.cause.zh !== incident.causeZh || outage.cause.en !== incident.causeEn;
      if (etaMoved || causeMoved) {
        await this.update(
          incident._id,
          { ...(etaMoved && { etaAt: eta }), ...(causeMoved && { cause: outage.cause }) },
          now,
        );
        changed++;
      }
    }
    return changed;
  }

  private async apply(
    incident: Incident,
    from: IncidentStatus[],
    update: UpdateQuery<Incident>,
  ): Promise<Incident> {
    const changed = await this.repository.change(incident._id, from, update);
    if (!changed) throw new DomainError('CONFLICT', 'The incident changed meanwhile; try again');
    return changed;
  }

  /** Tells agents and supervisors what the incident is now. */
  told(incident: Incident): IncidentView {
    const view = toIncidentView(incident);
    this.events.emit(IncidentEvents.updated, { incident: view } satisfies IncidentUpdatedEvent);
    return view;
  }
}
