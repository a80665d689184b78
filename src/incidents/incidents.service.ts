import { Injectable } from '@nestjs/common';
import { Bilingual } from '../common/bilingual';
import { maskNumber } from '../common/pii-masker';
import { AppConfig } from '../config/app-config';
import { ChatLanguage } from '../conversations/conversation.schema';
import { PersonalRefService } from '../conversations/personal-ref.service';
import { OutagesService } from '../utility/outages.service';
import {
  candidateAreas,
  coversReport,
  areaKeyOf,
  incidentIdOf,
  openingArea,
  outageKeyOf,
  ReportPlace,
  takesReports,
} from './grouping.policy';
import { announcesCount } from './storm.policy';
import { Incident, IncidentArea, IncidentSeed } from './incident.schema';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentView, toIncidentView } from './incident.views';
import { IncidentsRepository } from './incidents.repository';
import { OutageIncidentsService } from './outage-incidents.service';
import { StormService } from './storm.service';

/** An outage chat, as the dialogue reports it. */
export interface OutageChat extends ReportPlace {
  conversationId: string;
  language: ChatLanguage;
  accountNumber?: string;
  /** An active unplanned outage the records have for the place. */
  record?: { outageNo: string; cause: Bilingual; estimatedRestoration?: string };
  /** A status question: counted for the rate, but not a report, and opens nothing by itself. */
  question?: boolean;
}

export interface ReportOutcome {
  incident: IncidentView;
  /** This chat opened the incident. */
  opened: boolean;
  /** This reporter (account, or chat without one) was new to the incident. */
  newReporter: boolean;
}

/**
 * The port the dialogue talks to: customers' outage reports grouped into incidents (by feeder,
 * or district, within INCIDENT_WINDOW_MINUTES), and the incident covering a place.
 */
@Injectable()
export class IncidentsService {
  private readonly windowMs: number;

  constructor(
    private readonly repository: IncidentsRepository,
    private readonly updates: IncidentUpdatesService,
    private readonly outageIncidents: OutageIncidentsService,
    private readonly outages: OutagesService,
    private readonly storm: StormService,
    private readonly refs: PersonalRefService,
    config: AppConfig,
  ) {
    this.windowMs = config.INCIDENT_WINDOW_MINUTES * 60_000;
  }

  /** Attaches the chat to its area's incident (opening one for a report) and counts it. */
  async report(chat: OutageChat, now = new Date()): Promise<ReportOutcome | undefined> {
    // With the records, the outage's own pointer comes in the same read as the area pointers.
    const areas = await this.repository.findAreas([
      ...candidateAreas(chat),
      ...(chat.record ? [outageKeyOf(chat.record.outageNo)] : []),
    ]);
    let incident = await this.covering(chat, areas, now);
    if (chat.record && incident?.outageNo !== chat.record.outageNo) {
      incident = (await this.ofRecords(chat.record.outageNo, areas, now)) ?? incident;
    }
    let opened = false;
    if (!incident) {
      if (chat.question && !chat.record) return undefined;
      ({ incident, opened } = await this.open(chat, areas, now));
    }
    let newReporter = false;
    if (!chat.question) {
      const reporter = chat.accountNumber ? this.refs.of(chat.accountNumber) : chat.conversationId;
      newReporter = await this.repository.addReport({
        _id: `${incident._id}:${reporter}`,
        incidentId: incident._id,
        conversationId: chat.conversationId,
        ...(chat.accountNumber && { accountMasked: maskNumber(chat.accountNumber) }),
        language: chat.language,
        at: now,
      });
    }
    const counted = await this.repository.count(
      incident._id,
      now,
      { report: newReporter, account: newReporter && chat.accountNumber !== undefined },
      incident.rate.minute,
    );
    const current = counted ? await this.storm.check(counted, now) : incident;
    if (opened || (newReporter && announcesCount(current.reportCount))) {
      return { incident: this.updates.told(current), opened, newReporter };
    }
    return { incident: toIncidentView(current), opened, newReporter };
  }

  /** The open incident covering a place, without counting anything. */
  async find(place: ReportPlace, now = new Date()): Promise<IncidentView | undefined> {
    const areas = await this.repository.findAreas(candidateAreas(place));
    const incident = await this.covering(place, areas, now);
    return incident ? toIncidentView(incident) : undefined;
  }

  async get(id: string): Promise<IncidentView | undefined> {
    const incident = await this.repository.get(id);
    return incident ? toIncidentView(incident) : undefined;
  }

  /** The incident if it is in storm mode now (the dialogue then holds back handoffs). */
  inStorm(id: string): Promise<IncidentView | undefined> {
    return this.storm.inStorm(id);
  }

  /** Notes the service request logged for the incident's first report (its reference). */
  async noteRequest(id: string, reference: string): Promise<void> {
    await this.repository.change(
      id,
      ['investigating', 'crew_dispatched', 'crew_on_site'],
      { $set: { requestReference: reference } },
      { requestReference: { $exists: false } },
    );
  }

  /**
   * The incident of the records' outage the chat's place has, when its area pointers did not
   * lead to it: the one the outage's pointer names (read with the area pointers: no extra round
   * trip but the incident's), else, before anything took the outage, whichever incident its
   * decider picks, as if the records' job ran now (OutageIncidentsService). A report never
   * links an incident itself, so a report and the job racing, or a report from another area of
   * the outage (a feeder of a district-wide one), cannot leave two incidents linked to it.
   */
  private async ofRecords(
    outageNo: string,
    areas: IncidentArea[],
    now: Date,
  ): Promise<Incident | undefined> {
    const pointer = areas.find((a) => a._id === outageKeyOf(outageNo));
    // Its incident ended by staff while the records still have it: a new report opens a new one.
    if (pointer) {
      const taken = await this.repository.incidentAt(pointer);
      return taken && takesReports(taken, now, this.windowMs) ? taken : undefined;
    }
    const outage = await this.outages.findByNumber(outageNo);
    if (!outage || outage.status !== 'active' || outage.kind !== 'unplanned') return undefined;
    const { incident } = await this.outageIncidents.take(outage, now);
    return takesReports(incident, now, this.windowMs) ? incident : undefined;
  }

  private async covering(
    place: ReportPlace,
    areas: IncidentArea[],
    now: Date,
  ): Promise<Incident | undefined> {
    for (const key of candidateAreas(place)) {
      const area = areas.find((a) => a._id === key);
      if (!area) continue;
      const incident = await this.repository.incidentAt(area);
      if (
        incident &&
        coversReport(key, place, incident) &&
        takesReports(incident, now, this.windowMs)
      )
        return incident;
    }
    return undefined;
  }

  /**
   * Opens the incident of the report's area. The area's pointer decides (one atomic conditional
   * upsert, `claim`): the report proposes its incident there and inserts it only once it won,
   * so a concurrent first report or the records' job opening the area's incident at the same
   * instant (on any instance) makes one incident, and the loser joins the winner's. Two
   * instances opening it in one window derive the same id. An id already used by an incident
   * restored in this window gets the moment as a suffix.
   */
  private async open(
    chat: OutageChat,
    areas: IncidentArea[],
    now: Date,
  ): Promise<{ incident: Incident; opened: boolean }> {
    const area = openingArea(chat);
    const key = areaKeyOf(area.scope, area.code);
    const id = incidentIdOf(area.code, now, this.windowMs);
    let seed: IncidentSeed = {
      _id: id,
      scope: area.scope,
      districtCode: chat.districtCode,
      ...(chat.feederId && area.scope === 'feeder' && { feederId: chat.feederId }),
      openedAt: now,
      ...(chat.record && { confirmed: true }),
    };
    // What `covering` passed over: the area points at a stale incident (or none).
    let replacing = areas.find((a) => a._id === key)?.incidentId;
    for (let attempt = 0; attempt < 3; attempt++) {
      const pointer = await this.repository.claim(key, chat.districtCode, seed, replacing);
      if (pointer.incidentId === seed._id) {
        const opening = await this.repository.open(seed);
        if (takesReports(opening.incident, now, this.windowMs))
          return { incident: opening.incident, opened: opening.created };
        seed = { ...seed, _id: `${id}~${now.getTime()}` };
      } else {
        const winner = await this.repository.incidentAt(pointer);
        if (winner && takesReports(winner, now, this.windowMs))
          return { incident: winner, opened: false };
      }
      // The pointer leads to an incident that takes no reports: propose over it.
      replacing = pointer.incidentId;
    }
    throw new Error(`No incident could be opened for ${key}`);
  }
}
