import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { PiiCipherService } from '../common/pii-cipher.service';
import { maskNumber } from '../common/pii-masker';
import {
  ConversationAnonymisedEvent,
  ConversationEvents,
} from '../conversations/conversation.events';
import { CallbacksRepository } from './callbacks.repository';
import { IncidentUpdatesService } from './incident-updates.service';
import { IncidentsRepository } from './incidents.repository';
import { callbacksHeld } from './storm.policy';
import { IncidentCallback } from './subscription.schema';
import { CallbackView, toCallbackView } from './callback.views';

/** A callback taken and never closed goes back to the others after this long. */
export const CALLBACK_HOLD_MS = 30 * 60_000;

const LIST_LIMIT = 200;

export interface CallbackRequest {
  incidentId: string;
  conversationId: string;
  language: 'zh' | 'en';
  phone: string;
}

/**
 * Callbacks asked for in storm mode, as agents' work: one record per request, held while the
 * incident's storm lasts (callbacksHeld), then taken by one agent at a time (the longest-waiting
 * first), who calls and marks it done or failed. The incident counts its open callbacks for the
 * supervisors' and agents' incident lists.
 */
@Injectable()
export class CallbacksService {
  constructor(
    private readonly callbacks: CallbacksRepository,
    private readonly incidents: IncidentsRepository,
    private readonly updates: IncidentUpdatesService,
    private readonly cipher: PiiCipherService,
  ) {}

  /** Records a customer's request (once per incident and chat, however often it is sent). */
  async request(request: CallbackRequest, now = new Date()): Promise<{ phoneMasked: string }> {
    const id = `${request.incidentId}:${request.conversationId}`;
    const phoneMasked = maskNumber(request.phone);
    const created = await this.callbacks.request({
      _id: id,
      incidentId: request.incidentId,
      conversationId: request.conversationId,
      phoneSealed: this.cipher.seal(request.phone, sealedFor(id)),
      phoneMasked,
      language: request.language,
      at: now,
    });
    if (created) await this.counted(request.incidentId, 1);
    return { phoneMasked };
  }

  /** Open callbacks (of one incident, or all), numbers masked: what agents may pick up. */
  async listOpen(incidentId?: string): Promise<CallbackView[]> {
    const found = await this.callbacks.listOpen(incidentId, LIST_LIMIT);
    return found.map((c) => this.view(c));
  }

  /** The callbacks this agent holds, with the number they may see. */
  async mine(agent: Principal): Promise<CallbackView[]> {
    const found = await this.callbacks.listTakenBy(agent.id);
    return found.map((c) => this.view(c, agent));
  }

  /** The agent takes the incident's longest-waiting callback. */
  async take(incidentId: string, agent: Principal, now = new Date()): Promise<CallbackView> {
    const incident = await this.incidents.get(incidentId);
    if (!incident) throw new DomainError('NOT_FOUND', 'No such incident');
    if (callbacksHeld(incident)) {
      throw new DomainError(
        'CONFLICT',
        'Callbacks of this incident wait until its storm mode is off',
        { held: true },
      );
    }
    const taken = await this.callbacks.take(
      incidentId,
      agent,
      now,
      new Date(now.getTime() - CALLBACK_HOLD_MS),
    );
    if (!taken) throw new DomainError('CONFLICT', 'No callback of this incident is waiting');
    return this.view(taken, agent);
  }

  async close(
    id: string,
    agent: Principal,
    outcome: 'done' | 'failed',
    note?: string,
    now = new Date(),
  ): Promise<CallbackView> {
    const closed = await this.callbacks.close(id, agent.id, outcome, now, note);
    if (!closed) {
      const current = await this.callbacks.get(id);
      if (!current) throw new DomainError('NOT_FOUND', 'No such callback');
      throw new DomainError('CONFLICT', `This callback is ${current.status}, not yours to close`, {
        status: current.status,
      });
    }
    await this.counted(closed.incidentId, -1);
    return this.view(closed, agent);
  }

  /** All of an incident's callbacks, masked (the incident's detail). */
  async of(incidentId: string): Promise<CallbackView[]> {
    return (await this.callbacks.listOf(incidentId)).map((c) => this.view(c));
  }

  /** Retention anonymised the chat: its callback numbers go, and are no longer counted. */
  @OnEvent(ConversationEvents.conversationAnonymised)
  async forget({ conversationId }: ConversationAnonymisedEvent): Promise<void> {
    for (const open of await this.callbacks.forgetConversation(conversationId))
      await this.counted(open.incidentId, -1);
  }

  private async counted(incidentId: string, by: number): Promise<void> {
    const incident = await this.incidents.countCallbacks(incidentId, by);
    if (incident) this.updates.told(incident);
  }

  private view(c: IncidentCallback, holder?: Principal): CallbackView {
    const clear =
      holder !== undefined &&
      c.status === 'taken' &&
      c.agentId === holder.id &&
      holder.permissions.includes('unmask');
    return toCallbackView(
      c,
      clear ? this.cipher.open(c.phoneSealed, sealedFor(c._id)) : c.phoneMasked,
    );
  }
}

/** What a callback's sealed number is bound to (as SubscriptionsService sealed it). */
const sealedFor = (id: string) => `callback:${id}`;
