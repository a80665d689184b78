import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Types } from 'mongoose';
import { PiiCipherService } from '../common/pii-cipher.service';
import {
  ConversationAnonymisedEvent,
  ConversationEvents,
} from '../conversations/conversation.events';
import { PersonalRefService } from '../conversations/personal-ref.service';
import { AccountHistoryService } from './account-history.service';
import { protectCaseCard } from './case-card';
import { TicketDocument } from './ticket.schema';
import { TicketsRepository } from './tickets.repository';

/**
 * What a ticket keeps of the customer: the case card masked and its account numbers sealed when
 * a handoff opens, the verified account opened again only for the agent's customer panel, and
 * all of it forgotten when the conversation is anonymised.
 */
@Injectable()
export class TicketPrivacyService {
  constructor(
    private readonly tickets: TicketsRepository,
    private readonly cipher: PiiCipherService,
    private readonly refs: PersonalRefService,
    private readonly history: AccountHistoryService,
  ) {}

  /** The ticket's fields for a case card the bot handed over (see protectCaseCard). */
  protect(
    conversationId: Types.ObjectId,
    caseCard: Record<string, unknown>,
  ): { caseCard: Record<string, unknown>; caseCardSealed: Record<string, string> } {
    const id = caseRecordId(conversationId);
    const { card, sealed } = protectCaseCard(
      caseCard,
      (clear) => this.cipher.seal(clear, id),
      (d) => this.refs.of(d),
    );
    return { caseCard: card, caseCardSealed: sealed };
  }

  /**
   * The account the bot verified, in clear, for the agent's customer panel (records lookups):
   * opened from the sealed copy, never put in a view.
   */
  verifiedAccountOf(ticket: TicketDocument): string | undefined {
    const sealed = ticket.caseCardSealed?.verifiedAccount;
    if (sealed) return this.cipher.open(sealed, caseRecordId(ticket.conversationId));
    // A ticket opened before case cards were protected.
    const clear = ticket.caseCard?.verifiedAccount;
    return typeof clear === 'string' && /^\d{10}$/.test(clear) ? clear : undefined;
  }

  /** Retention: a callback number and the case card's quotes of the customer go. */
  @OnEvent(ConversationEvents.conversationAnonymised)
  async forget({ conversationId }: ConversationAnonymisedEvent): Promise<void> {
    const id = new Types.ObjectId(conversationId);
    // The accounts are known only from the sealed case cards, which go next.
    const accounts = (await this.tickets.listForConversation(id)).flatMap(
      (t) => this.verifiedAccountOf(t) ?? [],
    );
    await this.history.forget(accounts, id);
    await this.tickets.forgetConversation(id);
  }
}

/** What a ticket's sealed case-card values are bound to. */
function caseRecordId(conversationId: Types.ObjectId): string {
  return `case-card:${conversationId.toHexString()}`;
}
