import { Injectable } from '@nestjs/common';
import { Bilingual } from '../common/bilingual';
import { maskNumber } from '../common/pii-masker';
import { AppConfig } from '../config/app-config';
import { ChatLanguage } from '../conversations/conversation.schema';
import { PersonalRefService } from '../conversations/personal-ref.service';
import {
  candidateAreas,
  coversReport,
  areaKeyOf,
  incidentIdOf,
  openingArea,
  recordsIncidentIdOf,
  ReportPlace,
  takesReports,
} from './grouping.policy';
import { announcesCount } from './storm.policy';
import { Incident } from './incident.schema';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentView, toIncidentView } from './incident.views';
import { IncidentsRepository } from './incidents.repository';
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
    private readonly storm: StormService,
    private readonly refs: PersonalRefService,
    config: AppConfig,
  ) {
    this.windowMs = config.INCIDENT_WINDOW_MINUTES * 60_000;
  }

  /** Attaches the chat to its area's incident (opening one for a report) and counts it. */
  async report(chat: OutageChat, now = new Date()): Promise<ReportOutcome | undefined> {
    let incident = (await this.covering(chat, now)) ?? (await this.ofRecords(chat, now));
    let opened = false;
    if (!incident) {
      if (chat.question && !chat.record) return undefined;
      ({ incident, opened } = await this.open(chat, now));
    }
    if (chat.record && incident.outageNo === undefined) {
      incident = (await this.updates.link(incident._id, chat.record, now)) ?? incident;
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
    const incident = await this.covering(place, now);
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
   * The incident the records' outage opened (see RecordsIncidentsService): a report its area
   * pointers do not lead to (a district-only report of a several-feeder outage) still joins it.
   */
  private async ofRecords(chat: OutageChat, now: Date): Promise<Incident | undefined> {
    if (!chat.record) return undefined;
    const incident = await this.repository.get(recordsIncidentIdOf(chat.record.outageNo));
    return incident && takesReports(incident, now, this.windowMs) ? incident : undefined;
  }

  private async covering(place: ReportPlace, now: Date): Promise<Incident | undefined> {
    const keys = candidateAreas(place);
    const areas = await this.repository.findAreas(keys);
    for (const key of keys) {
      const area = areas.find((a) => a._id === key);
      if (!area) continue;
      const incident = await this.repository.get(area.incidentId);
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
   * Opens the incident of the report's area and points the area at it. Two instances opening
   * it at once derive the same id in one window; across a window boundary the area's pointer
   * decides, and the loser's incident (empty) is left unpointed. An id already used by an
   * incident restored in this window gets the moment as a suffix.
   */
  private async open(
    chat: OutageChat,
    now: Date,
  ): Promise<{ incident: Incident; opened: boolean }> {
    const area = openingArea(chat);
    const key = areaKeyOf(area.scope, area.code);
    const [existing] = await this.repository.findAreas([key]);
    const fields = {
      scope: area.scope,
      districtCode: chat.districtCode,
      ...(chat.feederId && area.scope === 'feeder' && { feederId: chat.feederId }),
      openedAt: now,
      ...(chat.record && { confirmed: true }),
    };
    const id = incidentIdOf(area.code, now, this.windowMs);
    let opening = await this.repository.open({ _id: id, ...fields });
    if (!takesReports(opening.incident, now, this.windowMs)) {
      opening = await this.repository.open({ _id: `${id}~${now.getTime()}`, ...fields });
    }
    const pointed = await this.repository.point(
      key,
      chat.districtCode,
      opening.incident._id,
      existing?.incidentId,
    );
    if (pointed === opening.incident._id) return { ...opening, opened: opening.created };
    const winner = await this.repository.get(pointed);
    return winner
      ? { incident: winner, opened: false }
      : { incident: opening.incident, opened: opening.created };
  }
}
