import { Injectable } from '@nestjs/common';
import { fill } from '../../common/bilingual';
import { findDistrict } from '../../nlu/service-area';
import { maskNumber } from '../../common/pii-masker';
import { CallbacksService } from '../../incidents/callbacks.service';
import { IncidentsService } from '../../incidents/incidents.service';
import { IncidentView } from '../../incidents/incident.views';
import { areaName, etaText, INCIDENT_TEXTS } from '../../incidents/notice-texts';
import { SubscriptionsService } from '../../incidents/subscriptions.service';
import { Turn } from '../turn';

/** The intents a notice request is acted on as (see readNoticeRequest). */
export const NOTICE_INTENTS = {
  subscribe: 'outage.subscribe',
  subscribe_planned: 'outage.subscribe_planned',
  opt_out: 'outage.opt_out',
  callback: 'outage.callback',
} as const;

export interface Place {
  districtCode: string;
  feederId?: string;
}

/**
 * Notices asked for in chat: a subscription to the customer's incident (by this chat, or by SMS
 * to the number given with the request), an opt-out, a callback in storm mode. The incident is
 * the one the chat was attached to, else the one covering the customer's place.
 */
@Injectable()
export class NoticeAnswers {
  constructor(
    private readonly incidents: IncidentsService,
    private readonly subscriptions: SubscriptionsService,
    private readonly callbacks: CallbacksService,
  ) {}

  /** The incident this chat is about, if it is still open. */
  async current(turn: Turn, where?: Place): Promise<IncidentView | undefined> {
    const attached = turn.state.incidentId
      ? await this.incidents.get(turn.state.incidentId)
      : undefined;
    if (attached && attached.status !== 'restored') return attached;
    return where ? this.incidents.find(where) : undefined;
  }

  async subscribe(
    turn: Turn,
    incident: IncidentView | undefined,
    hasPlace: boolean,
  ): Promise<void> {
    if (!incident) {
      turn.sayText(hasPlace ? INCIDENT_TEXTS.noIncident : INCIDENT_TEXTS.needPlace);
      return;
    }
    turn.state.incidentId = incident.id;
    const phone = turn.reading.slots.phone;
    const made = await this.subscriptions.subscribe({
      incidentId: incident.id,
      conversationId: turn.conversationId.toHexString(),
      language: turn.language,
      ...(phone && { phone }),
    });
    const area = areaName(incident, turn.language);
    const eta = etaText(incident, turn.language, turn.timeZone);
    if (made.channel === 'sms') {
      turn.sayText(INCIDENT_TEXTS.subscribedSms, { area, eta, phone: made.phoneMasked ?? '' });
      turn.noteAnswer(`subscribed to ${incident.id} by SMS ${made.phoneMasked ?? ''}`);
    } else {
      turn.sayText(INCIDENT_TEXTS.subscribedChat, { area, eta });
      turn.noteAnswer(`subscribed to ${incident.id} in chat`);
    }
  }

  /** Day-before notices of the district's planned outages. */
  async subscribePlanned(turn: Turn, districtCode: string): Promise<void> {
    const phone = turn.reading.slots.phone;
    const made = await this.subscriptions.subscribePlanned({
      districtCode,
      conversationId: turn.conversationId.toHexString(),
      language: turn.language,
      ...(phone && { phone }),
    });
    const how =
      made.channel === 'sms'
        ? fill(turn.language === 'zh' ? '发短信到 {phone} ' : 'by SMS at {phone}', {
            phone: made.phoneMasked ?? '',
          })
        : turn.language === 'zh'
          ? '在这个对话里'
          : 'in this chat';
    turn.sayText(INCIDENT_TEXTS.subscribedPlanned, {
      district: findDistrict(districtCode)?.[turn.language] ?? districtCode,
      how,
    });
    turn.noteAnswer(`subscribed to planned outages of ${districtCode} (${made.channel})`);
  }

  async optOut(turn: Turn): Promise<void> {
    const stopped = await this.subscriptions.optOutConversation(turn.conversationId.toHexString());
    turn.sayText(stopped > 0 ? INCIDENT_TEXTS.optedOut : INCIDENT_TEXTS.nothingToOptOut);
    turn.noteAnswer(`opted out of ${stopped} outage notice subscription(s)`);
  }

  async callback(turn: Turn, incident: IncidentView | undefined): Promise<void> {
    const phone = turn.reading.slots.phone;
    if (!phone) {
      turn.sayText(INCIDENT_TEXTS.callbackNeedsPhone);
      return;
    }
    if (!incident) {
      turn.sayText(INCIDENT_TEXTS.noIncident);
      return;
    }
    await this.callbacks.request({
      incidentId: incident.id,
      conversationId: turn.conversationId.toHexString(),
      language: turn.language,
      phone,
    });
    turn.sayText(INCIDENT_TEXTS.callbackNoted, { phone: maskNumber(phone) });
    turn.noteAnswer(`callback requested for ${incident.id}`);
  }
}
