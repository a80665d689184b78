import { Injectable } from '@nestjs/common';
import { IncidentsService, ReportOutcome } from '../../incidents/incidents.service';
import { INCIDENT_TEXTS, knownText } from '../../incidents/notice-texts';
import { findDistrict, SERVICE_AREA } from '../../nlu/service-area';
import { AccountsService } from '../../utility/accounts.service';
import { OutagesService } from '../../utility/outages.service';
import { ServiceRequestsService } from '../../utility/service-requests.service';
import { OutageView } from '../../utility/utility.views';
import { Turn } from '../turn';
import { NOTICE_INTENTS, NoticeAnswers } from './notice.answers';

/**
 * Outage questions answered from the outage records, never guessed: a known outage is told with
 * its cause and estimate; without one, a report is logged and its reference given.
 */
@Injectable()
export class OutageAnswers {
  constructor(
    private readonly accounts: AccountsService,
    private readonly outages: OutagesService,
    private readonly requests: ServiceRequestsService,
    private readonly incidents: IncidentsService,
    private readonly notices: NoticeAnswers,
  ) {}

  async answer(turn: Turn, intent: string): Promise<void> {
    const where = await this.location(turn);
    if (intent === NOTICE_INTENTS.opt_out) return this.notices.optOut(turn);
    if (intent === NOTICE_INTENTS.subscribe_planned) {
      if (!where) return turn.ask(intent, 'account', 'askLocation');
      return this.notices.subscribePlanned(turn, where.districtCode);
    }
    if (intent === NOTICE_INTENTS.callback)
      return this.notices.callback(turn, await this.notices.current(turn, where));
    if (intent === NOTICE_INTENTS.subscribe) {
      let incident = await this.notices.current(turn, where);
      // "停电了，来电了通知我": the report comes first, then the subscription to what it opened.
      if (!incident && where) {
        await this.answer(turn, 'outage.report');
        incident = await this.notices.current(turn, where);
      }
      return this.notices.subscribe(turn, incident, where !== undefined);
    }
    if (!where) {
      turn.ask(intent, 'account', 'askLocation');
      return;
    }
    const district = findDistrict(where.districtCode);
    const districtName = district ? district[turn.language] : where.districtCode;

    if (intent === 'outage.planned') {
      const planned = await this.outages.upcomingPlanned(where.districtCode);
      if (planned.length === 0) {
        turn.say('plannedNone', { district: districtName });
      } else {
        turn.say(
          'plannedList',
          { district: districtName },
          { type: 'planned', data: { outages: planned } },
        );
        for (const o of planned) {
          turn.addLine('plannedItem', {
            start: turn.time(o.startAt),
            end: o.estimatedRestoration ? turn.time(o.estimatedRestoration) : '—',
            area: o.area[turn.language],
            cause: o.cause[turn.language],
          });
        }
      }
      turn.addLine(INCIDENT_TEXTS.plannedOffer);
      turn.noteAnswer(
        `planned outages ${where.districtCode}: ${planned.map((o) => o.outageNo).join(', ') || 'none'}`,
      );
      return;
    }

    const active = (await this.outages.findCovering(where)).filter((o) => o.status === 'active');
    const record = active.find((o) => o.kind === 'unplanned');
    const outcome = await this.incidents.report({
      conversationId: turn.conversationId.toHexString(),
      language: turn.language,
      ...where,
      ...(record && {
        record: {
          outageNo: record.outageNo,
          cause: record.cause,
          ...(record.estimatedRestoration && {
            estimatedRestoration: record.estimatedRestoration,
          }),
        },
      }),
      question: intent === 'outage.status',
    });
    if (outcome) turn.state.incidentId = outcome.incident.id;
    if (active.length > 0) {
      this.tellKnown(turn, active[0]);
      if (outcome) this.tellReports(turn, outcome);
      turn.noteAnswer(
        `known outage ${active[0].outageNo} on ${where.feederId ?? where.districtCode}`,
      );
      return;
    }
    if (outcome && !outcome.opened) {
      // Others reported it already: the customer hears what is known instead of a new ticket.
      turn.sayText({
        zh: knownText(outcome.incident, 'zh', turn.timeZone),
        en: knownText(outcome.incident, 'en', turn.timeZone),
      });
      turn.addLine(INCIDENT_TEXTS.offer);
      turn.noteAnswer(
        `known incident ${outcome.incident.id} (${outcome.incident.reportCount} reports)`,
      );
      return;
    }
    if (intent === 'outage.status') {
      turn.say('outageNoneStatus');
      turn.noteAnswer(`no outage on ${where.feederId ?? where.districtCode}`);
      return;
    }
    const request = await this.requests.create({
      type: 'outage_report',
      language: turn.language,
      districtCode: where.districtCode,
      ...(where.feederId && { feederId: where.feederId }),
      ...(where.accountNumber && { accountNumber: where.accountNumber }),
      conversationId: turn.conversationId.toHexString(),
    });
    turn.say(
      'outageReported',
      { reference: request.reference },
      { type: 'request', data: { reference: request.reference, type: request.type } },
    );
    turn.addLine(INCIDENT_TEXTS.offer);
    if (outcome) await this.incidents.noteRequest(outcome.incident.id, request.reference);
    turn.noteAnswer(`no known outage; logged report ${request.reference}`);
  }

  private tellReports(turn: Turn, outcome: ReportOutcome): void {
    turn.addLine(INCIDENT_TEXTS.reports, { count: outcome.incident.reportCount });
    turn.addLine(INCIDENT_TEXTS.offer);
  }

  private tellKnown(turn: Turn, outage: OutageView): void {
    const values = {
      area: outage.area[turn.language],
      outageNo: outage.outageNo,
      cause: outage.cause[turn.language],
      eta: outage.estimatedRestoration ? turn.time(outage.estimatedRestoration) : '',
    };
    turn.say(outage.estimatedRestoration ? 'outageKnown' : 'outageKnownNoEta', values, {
      type: 'outage',
      data: { outage },
    });
    const last = outage.etaHistory.at(-1);
    if (outage.etaHistory.length > 1 && last) {
      turn.addLine('outageEtaChanged', {
        count: outage.etaHistory.length - 1,
        note: last.note[turn.language],
      });
    }
  }

  /** Where the customer is: their account's feeder if we know the account, else a district. */
  private async location(
    turn: Turn,
  ): Promise<{ districtCode: string; feederId?: string; accountNumber?: string } | undefined> {
    const accountNumber = turn.state.accountNumber;
    // A district named in this message ("and what about Xishan?") is where the question is about.
    const named = turn.entity('district');
    if (accountNumber) {
      const account = await this.accounts.findByAccountNumber(accountNumber);
      if (account && (!named || named === account.districtCode))
        return { districtCode: account.districtCode, feederId: account.feederId, accountNumber };
    }
    if (named) return { districtCode: named };
    if (turn.state.districtCode) return { districtCode: turn.state.districtCode };
    return undefined;
  }
}

export function districtList(language: 'zh' | 'en'): string {
  return SERVICE_AREA.map((d) => d[language]).join(language === 'zh' ? '、' : ', ');
}
