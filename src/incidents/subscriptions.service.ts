import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { DomainError } from '../common/domain-error';
import { PiiCipherService } from '../common/pii-cipher.service';
import { maskNumber } from '../common/pii-masker';
import {
  ConversationAnonymisedEvent,
  ConversationEvents,
} from '../conversations/conversation.events';
import { ChatLanguage } from '../conversations/conversation.schema';
import { PersonalRefService } from '../conversations/personal-ref.service';
import { findDistrict } from '../nlu/service-area';
import { IncidentsRepository } from './incidents.repository';
import { plannedFeedOf } from './notices.constants';
import { NoticesRepository } from './notices.repository';

export interface SubscribeRequest {
  incidentId: string;
  conversationId: string;
  language: ChatLanguage;
  /** A number for SMS notices (instead of the chat); sealed at rest, shown masked. */
  phone?: string;
}

export interface SubscriptionView {
  id: string;
  channel: 'chat' | 'sms';
  phoneMasked?: string;
}

/**
 * Customers' subscriptions to an incident's notices, their opt-outs, and callbacks asked for in
 * storm mode. A number kept for delivery is sealed (AES-256-GCM, bound to its record) and keyed
 * by an HMAC reference, so the id says nothing of the number.
 */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly incidents: IncidentsRepository,
    private readonly repository: NoticesRepository,
    private readonly cipher: PiiCipherService,
    private readonly refs: PersonalRefService,
  ) {}

  async subscribe(request: SubscribeRequest, now = new Date()): Promise<SubscriptionView> {
    const incident = await this.incidents.get(request.incidentId);
    if (!incident) throw new DomainError('NOT_FOUND', 'No such incident');
    if (incident.status === 'restored')
      throw new DomainError('CONFLICT', 'The incident is restored already');
    return this.record(request, now);
  }

  /** The day-before notices of a district's planned outages (its feed is subscribed to). */
  subscribePlanned(
    request: Omit<SubscribeRequest, 'incidentId'> & { districtCode: string },
    now = new Date(),
  ): Promise<SubscriptionView> {
    if (!findDistrict(request.districtCode))
      throw new DomainError('VALIDATION', 'unknown district');
    return this.record({ ...request, incidentId: plannedFeedOf(request.districtCode) }, now);
  }

  private async record(request: SubscribeRequest, now: Date): Promise<SubscriptionView> {
    const common = {
      incidentId: request.incidentId,
      conversationId: request.conversationId,
      language: request.language,
      active: true,
      createdAt: now,
    };
    if (request.phone) {
      const id = `${request.incidentId}:sms:${this.refs.of(request.phone)}`;
      const phoneMasked = maskNumber(request.phone);
      await this.repository.subscribe({
        _id: id,
        channel: 'sms',
        phoneSealed: this.cipher.seal(request.phone, id),
        phoneMasked,
        ...common,
      });
      return { id, channel: 'sms', phoneMasked };
    }
    const id = `${request.incidentId}:${request.conversationId}`;
    await this.repository.subscribe({ _id: id, channel: 'chat', ...common });
    return { id, channel: 'chat' };
  }

  /** Every notice this chat asked for stops (chat and SMS); how many were active. */
  optOutConversation(conversationId: string, now = new Date()): Promise<number> {
    return this.repository.optOutConversation(conversationId, now);
  }

  /** An SMS number's opt-out (TD / STOP) for an incident, for the SMS channel's inbound side. */
  optOutPhone(incidentId: string, phone: string, now = new Date()): Promise<number> {
    return this.repository.optOutIds([`${incidentId}:sms:${this.refs.of(phone)}`], now);
  }

  /** Retention anonymised the chat: the numbers it gave for notices go too. */
  @OnEvent(ConversationEvents.conversationAnonymised)
  async forget({ conversationId }: ConversationAnonymisedEvent): Promise<void> {
    await this.repository.forgetConversation(conversationId, new Date());
  }

  countActive(incidentId: string): Promise<number> {
    return this.repository.countSubscriptions(incidentId);
  }
}
