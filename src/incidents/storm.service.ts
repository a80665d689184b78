import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { fill } from '../common/bilingual';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { Incident } from './incident.schema';
import { IncidentEvents, StormChangedEvent } from './incident.events';
import { IncidentView, toIncidentView } from './incident.views';
import { IncidentsRepository } from './incidents.repository';
import { areaName, INCIDENT_TEXTS } from './notice-texts';
import { shouldStartStorm } from './storm.policy';

/**
 * Storm mode of one incident: on when its outage chats pass STORM_REPORTS_PER_MINUTE, on or off
 * by a supervisor. Each switch is one conditional update, so of two instances seeing the rate
 * pass at once, one turns it on and one banner goes out.
 */
@Injectable()
export class StormService {
  constructor(
    private readonly repository: IncidentsRepository,
    private readonly config: AppConfig,
    private readonly events: EventEmitter2,
  ) {}

  /** Called with the incident as counted: turns storm mode on if the rate says so. */
  async check(incident: Incident, now: Date): Promise<Incident> {
    if (!shouldStartStorm(incident.storm, incident.rate, this.config.STORM_REPORTS_PER_MINUTE))
      return incident;
    const started = await this.repository.change(
      incident._id,
      ['investigating', 'crew_dispatched', 'crew_on_site'],
      { $set: { 'storm.on': true, 'storm.since': now, 'storm.rate': incident.rate.count } },
      { 'storm.on': false, 'storm.manual': { $ne: 'off' } },
    );
    if (!started) return incident;
    this.announce(started, 'rate');
    return started;
  }

  /** A supervisor's switch; switched off, the rate does not turn it on again for this incident. */
  async set(id: string, on: boolean, now: Date): Promise<IncidentView> {
    const changed = await this.repository.change(
      id,
      ['investigating', 'crew_dispatched', 'crew_on_site'],
      {
        $set: {
          'storm.on': on,
          'storm.manual': on ? 'on' : 'off',
          ...(on && { 'storm.since': now }),
        },
      },
    );
    if (!changed) {
      const exists = await this.repository.get(id);
      throw exists
        ? new DomainError('CONFLICT', 'The incident is restored: storm mode is over')
        : new DomainError('NOT_FOUND', 'No such incident');
    }
    this.announce(changed, 'supervisor');
    return toIncidentView(changed);
  }

  async inStorm(id: string): Promise<IncidentView | undefined> {
    const incident = await this.repository.get(id);
    return incident && incident.storm.on && incident.status !== 'restored'
      ? toIncidentView(incident)
      : undefined;
  }

  private announce(incident: Incident, by: StormChangedEvent['by']): void {
    const view = toIncidentView(incident);
    const values = (language: 'zh' | 'en') => ({
      area: areaName(view, language),
      ref: view.id,
      rate: incident.storm.rate ?? incident.rate.count,
    });
    this.events.emit(IncidentEvents.stormChanged, {
      incident: view,
      on: incident.storm.on,
      by,
      banner: {
        zh: fill(INCIDENT_TEXTS.stormBanner.zh, values('zh')),
        en: fill(INCIDENT_TEXTS.stormBanner.en, values('en')),
      },
    } satisfies StormChangedEvent);
  }
}
