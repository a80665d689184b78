import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { Types } from 'mongoose';
import { AuthService } from '../auth/auth.service';
import { Principal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { maskNumber } from '../common/pii-masker';
import { ConversationEvents, TypingEvent } from '../conversations/conversation.events';
import { toConversationView, toMessageView } from '../conversations/conversation.views';
import { ConversationsService } from '../conversations/conversations.service';
import { MessagesService } from '../conversations/messages.service';
import { ResolutionCode } from '../tickets/ticket.schema';
import { AccountHistoryService } from '../tickets/account-history.service';
import { toEarlierTicketView, toTicketView } from '../tickets/ticket.views';
import { TicketHandlingService, TransferTo } from '../tickets/ticket-handling.service';
import { TicketOffersService } from '../tickets/ticket-offers.service';
import { TicketsQueryService } from '../tickets/tickets-query.service';
import { TicketPrivacyService } from '../tickets/ticket-privacy.service';
import { AccountsService } from '../utility/accounts.service';
import { BillsService } from '../utility/bills.service';
import { OutagesService } from '../utility/outages.service';
import { CANNED_REPLIES } from './canned-replies';
import { speaksAndKnows } from './routing-policy';
import { TypingThrottle } from './typing-throttle';

/** What an agent does with tickets: see the queue, take one, chat, note, transfer, close. */
@Injectable()
export class AgentDeskService {
  constructor(
    private readonly tickets: TicketsQueryService,
    private readonly privacy: TicketPrivacyService,
    private readonly accountHistory: AccountHistoryService,
    private readonly offers: TicketOffersService,
    private readonly handling: TicketHandlingService,
    private readonly conversations: ConversationsService,
    private readonly messages: MessagesService,
    private readonly accounts: AccountsService,
    private readonly bills: BillsService,
    private readonly outages: OutagesService,
    private readonly auth: AuthService,
    private readonly events: EventEmitter2,
  ) {}

  /**
   * The customer sees the agent typing; only the chat's owner may say so. A repeat inside the
   * socket's throttle window gets the last check's answer and tells the customer nothing new.
   */
  async typing(
    ticketId: string,
    agent: Principal,
    typing: boolean,
    throttle: TypingThrottle,
  ): Promise<void> {
    const now = Date.now();
    const verdict = throttle.verdict(ticketId, typing, now);
    if (verdict === 'repeat-allowed') return;
    if (verdict === 'repeat-refused')
      throw new DomainError('FORBIDDEN', 'This ticket is not assigned to you');
    let conversationId: Types.ObjectId;
    try {
      conversationId = await this.tickets.ownedConversation(ticketId, agent.id);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'FORBIDDEN')
        throttle.checked(ticketId, typing, now, false);
      throw error;
    }
    throttle.checked(ticketId, typing, now, true);
    this.events.emit(ConversationEvents.typing, {
      conversationId: conversationId.toHexString(),
      who: 'agent',
      typing,
    } satisfies TypingEvent);
  }

  async overview(agent: Principal) {
    const [waiting, mine] = await Promise.all([
      this.tickets.listWaiting(),
      this.tickets.listAssignedTo(agent.id),
    ]);
    return { queued: waiting.map(toTicketView), mine: mine.map(toTicketView) };
  }

  async accept(ticketId: string, agent: Principal) {
    const waiting = await this.tickets.get(ticketId);
    // Pulling from the queue respects what routing would: the customer's language, the skill.
    if (
      waiting.status === 'queued' &&
      waiting.requiredAgentId !== agent.id &&
      !speaksAndKnows(agent, waiting)
    ) {
      throw new DomainError(
        'FORBIDDEN',
        `This chat needs an agent for ${waiting.language} and the ${waiting.skill} skill`,
      );
    }
    const ticket = await this.offers.accept(ticketId, agent);
    return { ticket: toTicketView(ticket), ...(await this.context(ticket.id as string, agent)) };
  }

  async decline(ticketId: string, agent: Principal) {
    await this.offers.decline(ticketId, agent.id);
    return {};
  }

  /**
   * The customer context panel: the conversation, its transcript with intents and notes, its
   * tickets, and for a verified customer their records and the account's earlier conversations.
   */
  async context(ticketId: string, agent: Principal) {
    const ticket = await this.tickets.getOwned(ticketId, agent.id);
    const verified = this.privacy.verifiedAccountOf(ticket);
    const [conversation, transcript, tickets, earlier] = await Promise.all([
      this.conversations.get(ticket.conversationId),
      this.messages.list(ticket.conversationId, 'staff'),
      this.tickets.listForConversation(ticket.conversationId),
      verified ? this.accountHistory.earlier(verified, ticket.conversationId) : [],
    ]);
    return {
      conversation: toConversationView(conversation),
      messages: transcript.map(toMessageView),
      history: tickets.map(toTicketView),
      earlier: earlier.map(toEarlierTicketView),
      customer: await this.customerRecords(verified, agent),
    };
  }

  /**
   * What the utility knows of the customer, when the bot verified them: the account, recent bills
   * and outages on their feeder. Without verification the agent verifies first (nothing shown).
   */
  private async customerRecords(verified: string | undefined, agent: Principal) {
    if (!verified) return { verified: false as const };
    const account = await this.accounts.findByAccountNumber(verified);
    if (!account) return { verified: false as const };
    const [bills, outages] = await Promise.all([
      this.bills.listBills(verified, 3),
      this.outages.findCovering({ districtCode: account.districtCode, feederId: account.feederId }),
    ]);
    // The account number whole only for staff allowed to unmask; the task needs the rest.
    const shown = agent.permissions.includes('unmask') ? verified : maskNumber(verified);
    return {
      verified: true as const,
      account: { ...account, accountNumber: shown },
      bills: bills.map((b) => ({ ...b, accountNumber: shown })),
      outages,
    };
  }

  async send(ticketId: string, agent: Principal, clientMessageId: string, text: string) {
    const ticket = await this.tickets.getOwned(ticketId, agent.id);
    const { message, duplicate } = await this.messages.append(ticket.conversationId, {
      sender: 'agent',
      agentId: agent.id,
      clientMessageId,
      text,
    });
    if (!duplicate) await this.handling.recordAgentMessage(ticketId, message.createdAt);
    return { message: toMessageView(message), duplicate };
  }

  async note(ticketId: string, agent: Principal, clientMessageId: string, text: string) {
    const ticket = await this.tickets.getOwned(ticketId, agent.id);
    const { message, duplicate } = await this.messages.append(ticket.conversationId, {
      sender: 'agent',
      agentId: agent.id,
      internal: true,
      clientMessageId,
      text,
    });
    return { message: toMessageView(message), duplicate };
  }

  async transfer(ticketId: string, agent: Principal, to: TransferTo, note?: string) {
    if (to.toAgentId !== undefined) {
      // A transfer to nobody (or to someone who cannot serve this customer) would strand the
      // ticket: the named agent is the only one who may take it.
      const target = await this.auth.findAgent(to.toAgentId);
      if (!target) throw new DomainError('VALIDATION', 'toAgentId is not an agent');
      const ticket = await this.tickets.get(ticketId);
      if (
        !speaksAndKnows(target, { language: ticket.language, skill: to.toSkill ?? ticket.skill })
      ) {
        throw new DomainError(
          'VALIDATION',
          `${target.displayName} does not serve ${ticket.language} / ${to.toSkill ?? ticket.skill}`,
        );
      }
    }
    return toTicketView(await this.handling.transfer(ticketId, agent, to, note));
  }

  async close(ticketId: string, agent: Principal, resolution: ResolutionCode, note?: string) {
    return toTicketView(await this.handling.resolve(ticketId, agent, resolution, note));
  }

  cannedReplies() {
    return { replies: CANNED_REPLIES };
  }
}
